import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { problemMessage } from './messages'

/**
 * A screen's state around a read from the API: `run(work)` shows the loading state, clears the
 * last error, and on failure puts the problem's message, in the user's language, where the screen
 * shows errors (LoadState).
 */
export function useLoad() {
  const { t } = useI18n()
  const loading = ref(true)
  const error = ref<string | null>(null)

  async function run(work: () => Promise<void>): Promise<void> {
    loading.value = true
    error.value = null
    try {
      await work()
    } catch (e) {
      error.value = problemMessage(e, t)
    } finally {
      loading.value = false
    }
  }

  return { loading, error, run }
}
