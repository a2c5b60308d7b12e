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
  /**
   * false: a 401 is not reported (no trip to sign-in), only thrown. For calls the user did not ask for
   * (the inbox bell's poll): the next call they make still handles the expired session.
   */
  reportUnauthorized?: boolean
}

function urlOf(path: string, query: CallOptions['query']): string {
  const url = new URL(path, window.location.origin)
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') {
      url.searchParams.set(k, String(v))
    }
  }
  return url.pathname + url.search
}

/** Sends the request with the token (unless auth: false); a network failure becomes an ApiError. */
async function send(method: string, path: string, options: CallOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, ...options.headers }
  const token = options.auth === false ? null : auth.token()
  if (token) {
    headers.Authorization = `Bearer ${token}`
  }
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  try {
    return await fetch(urlOf(path, options.query), { method, headers, body })
  } catch (e) {
    throw new ApiError({ type: 'urn:minhu:web:network', status: 0, title: 'Network error', detail: String(e) })
  }
}

/** A failed answer as an ApiError with its problem+json (or one made up from a non-JSON body); a 401 is reported. */
function failure(response: Response, text: string): ApiError {
  return failureOf(response.status, response.statusText, text)
}

/** The same for an answer read some other way (an upload through XMLHttpRequest, for its progress events). */
export function failureOf(status: number, statusText: string, text: string): ApiError {
  const parsed = parseJson(text)
  const problem: Problem = parsed && typeof parsed === 'object'
    ? { ...(parsed as Problem), status }
    : { status, title: statusText, detail: text.slice(0, 200) }
  if (status === 401) {
    onUnauthorized(problem)
  }
  return new ApiError(problem)
}

export function parseJson(text: string): unknown {
  if (!text) {
    return null
  }
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json, application/problem+json')
  const text = await response.text()
  if (!response.ok) {
    if (response.status === 401 && options.reportUnauthorized === false) {
      throw new ApiError({ status: 401, title: response.statusText })
    }
    throw failure(response, text)
  }
  return parseJson(text) as T
}

/** A file the API streams (an export): its bytes and the name the server gives it, if any. */
export interface Download { blob: Blob; filename: string | null }

/**
 * GETs a file with the bearer token, as a Blob: tokens live in memory, so a plain link could not
 * carry the Authorization header. Failures are ApiErrors like any call's.
 */
export async function download(path: string, accept: string, options: CallOptions = {}): Promise<Download> {
  const response = await send('GET', path, options, `${accept}, application/problem+json`)
  if (!response.ok) {
    throw failure(response, await response.text())
  }
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null
  return { blob: await response.blob(), filename: name ? decodeURIComponent(name) : null }
}

/** Hands a Blob to the browser as a file to save, through a short-lived object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export const api = {
  get: <T>(path: string, options?: CallOptions) => call<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: CallOptions) => call<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: CallOptions) => call<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: CallOptions) => call<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: CallOptions) => call<T>('DELETE', path, options),
}
