import { ApiError } from './problem'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** What to tell the user about a failed call, in their language: never a blank page, never a stack trace. */
export function problemMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return t('common.failed', { detail: String(error) })
  }
  const status = error.status
  if (status === 0) {
    return t('common.networkError')
  }
  if (status === 401) {
    return t('common.sessionExpired')
  }
  if (status === 403) {
    return t('common.forbidden')
  }
  if (status === 404) {
    return t('common.notFound')
  }
  if (status === 429) {
    return t('common.tooMany', { seconds: 1 })
  }
  if (status === 502 || status === 503 || status === 504) {
    return t('common.serviceDown')
  }
  return t('common.failed', { detail: error.problem.detail || error.problem.title || String(status) })
}
