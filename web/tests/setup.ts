import { vi } from 'vitest'

/** A fetch that answers from a list of canned responses and records every request. */
export interface Sent { url: string; method: string; headers: Record<string, string>; body: unknown }

export function fakeFetch(answer: (req: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = []
  const fn = vi.fn(async (url: string, init: RequestInit = {}) => {
    const req: Sent = {
      url: String(url),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    }
    sent.push(req)
    return answer(req)
  })
  vi.stubGlobal('fetch', fn)
  return { sent, fn }
}

export function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

export function problem(status: number, body: Record<string, unknown>): Response {
  return json(status, { status, ...body }, 'application/problem+json')
}

export async function flush(times = 5) {
  for (let i = 0; i < times; i++) {
    await new Promise(r => setTimeout(r, 0))
  }
}

/** An upload sent through XMLHttpRequest (the attachments), as the fake saw it. */
export interface SentUpload { method: string; url: string; headers: Record<string, string>; body: FormData }
export interface XhrAnswer { status: number; body?: unknown; headers?: Record<string, string> }

/**
 * A fake XMLHttpRequest: records each request, reports upload progress (`steps`, in percent) and then
 * answers what `answer` returns (a problem body as problem+json when the status is 400 or more).
 */
export function fakeXhr(answer: (req: SentUpload) => XhrAnswer | Promise<XhrAnswer>, steps: number[] = [40, 100]) {
  const sent: SentUpload[] = []
  class FakeXhr {
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
    status = 0
    statusText = ''
    responseText = ''
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    onabort: (() => void) | null = null
    private req: SentUpload = { method: '', url: '', headers: {}, body: new FormData() }
    private answerHeaders: Record<string, string> = {}
    open(method: string, url: string) {
      this.req.method = method
      this.req.url = url
    }
    setRequestHeader(name: string, value: string) {
      this.req.headers[name] = value
    }
    getResponseHeader(name: string): string | null {
      const key = Object.keys(this.answerHeaders).find(k => k.toLowerCase() === name.toLowerCase())
      return key ? this.answerHeaders[key] : null
    }
    send(body: FormData) {
      this.req.body = body
      sent.push(this.req)
      setTimeout(async () => {
        for (const p of steps) {
          this.upload.onprogress?.({ lengthComputable: true, loaded: p, total: 100 })
        }
        const a = await answer(this.req)
        this.status = a.status
        this.answerHeaders = a.headers ?? {}
        const body = a.status >= 400 ? { status: a.status, ...(a.body as object) } : a.body
        this.responseText = body === undefined ? '' : JSON.stringify(body)
        this.onload?.()
      }, 0)
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  return { sent }
}
