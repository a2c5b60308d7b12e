import { ref, type Ref } from 'vue'

/**
 * An action on one item of a list that a dialog confirms first (delete, revoke, deactivate): `ask(item)` opens the
 * dialog on it, `confirm()` runs the call once (the screen's `busy` keeps it to one call at a time, shared with the
 * screen's other actions), closes the dialog when it succeeds and otherwise keeps it open with `message(e, item)` as
 * its error. `run` does the screen's own part (the call, updating the list, the toast).
 */
export function useConfirmed<T>(busy: Ref<boolean>, run: (item: T) => Promise<void>,
                                message: (e: unknown, item: T) => string) {
  const target = ref(null) as Ref<T | null>
  const error = ref<string | null>(null)

  function ask(item: T) {
    target.value = item
    error.value = null
  }

  async function confirm() {
    const item = target.value
    if (item === null || busy.value) {
      return
    }
    busy.value = true
    error.value = null
    try {
      await run(item)
      target.value = null
    } catch (e) {
      error.value = message(e, item)
    } finally {
      busy.value = false
    }
  }

  return { target, error, ask, confirm }
}
