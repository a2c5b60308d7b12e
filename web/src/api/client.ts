import { auth } from '../stores/auth'
import { ApiError, type Problem } from './problem'

/**
 * Calls the public REST API through the gateway (same origin: /api/v1/...), as any third-party
 * front-end would. Sends the bearer token from the in-memory session, turns every failure into an
 * ApiError carrying the problem+json (or a made-up problem for a network failure or a non-JSON
 * answer), and reports a 401 to whoever registered for it (the router: back to sign-in).
 */
let onUnauthorized: (problem: Problem) => void = () => {}

export function whenUnauthorized(handler: (problem: Problem) => void): void {
  onUnauthorized = handler
}

export interface CallOptions {
  body?: unknown
  query?: Record<string, string | number | boolean | undefined | null>
  headers?: Record<string, string>
  /** false: do not send the token even if signed in (public data). */
  auth?: boolean
}

export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin)
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') {
      url.searchParams.set(k, String(v))
    }
  }
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers }
  const token = options.auth === false ? null : auth.token()
  if (token) {
    headers.Authorization = `Bearer ${token}`
  }
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  let response: Response
  try {
    response = await fetch(url.pathname + url.search, { method, headers, body })
  } catch (e) {
    throw new ApiError({ type: 'urn:minhu:web:network', status: 0, title: 'Network error', detail: String(e) })
  }
  const text = await response.text()
  let parsed: unknown = null
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
  }
  if (!response.ok) {
    const problem: Problem = parsed && typeof parsed === 'object'
      ? { ...(parsed as Problem), status: response.status }
      : { status: response.status, title: response.statusText, detail: text.slice(0, 200) }
    if (response.status === 401) {
      onUnauthorized(problem)
    }
    throw new ApiError(problem)
  }
  return parsed as T
}

export const api = {
  get: <T>(path: string, options?: CallOptions) => call<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: CallOptions) => call<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: CallOptions) => call<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: CallOptions) => call<T>('DELETE', path, options),
}
