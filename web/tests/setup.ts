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
