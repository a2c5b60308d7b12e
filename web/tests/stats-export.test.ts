// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElDatePicker } from 'element-plus'
import Stats from '../src/views/desk/Stats.vue'
import { auth } from '../src/stores/auth'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

const COUNTS = { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, rated: 0, notRated: 0, satisfactionRate: null, solved: 0,
  partlySolved: 0, notSolved: 0, resolutionRate: null, reReviewed: 0, closedAfterReReview: 0 }
const HANDLING = { dispatched: 0, assignments: 0, signed: 0, signedWithinLimit: 0, responseRate: null, returned: 0, returnRate: null,
  answered: 0, answeredOnTime: 0, onTimeAnswerRate: null, hops: 0, averageHops: null, extended: 0, reminded: 0, escalated: 0,
  overdue: 0, reopened: 0, reReviewed: 0, closedAfterReReview: 0 }
const CSV = 'round_id,answered_at,outcome\nr1,2026-11-03T10:00:00+08:00,RATED\n'
const NDJSON = '{"roundId":"r1","outcome":"RATED"}\n'

function api(records: (req: Sent) => Response) {
  return fakeFetch(req => {
    if (req.url.startsWith('/api/v1/stats/records')) {
      return records(req)
    }
    if (req.url.startsWith('/api/v1/stats/satisfaction')) {
      return json(200, { window: {}, groupBy: 'month', formulas: [], total: COUNTS, groups: [] })
    }
    if (req.url.startsWith('/api/v1/stats/handling')) {
      return json(200, { window: {}, groupBy: 'month', formulas: [], total: HANDLING, groups: [] })
    }
    return json(200, [])
  })
}

function file(body: string, type: string, name: string): Response {
  return new Response(body, { status: 200, headers: { 'Content-Type': `${type}; charset=UTF-8`, 'Content-Disposition': `inline; filename="${name}"` } })
}

describe('the records export on /stats', () => {
  const saved: { href: string; download: string }[] = []
  let blobs: Blob[]

  beforeEach(() => {
    auth.signIn({ token: 'tok-auditor', role: 'auditor', sub: 'auditor', unitId: null, expiresAt: Date.now() + 60_000 })
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
    saved.length = 0
    blobs = []
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b)
      return `blob:http://localhost/${blobs.length}`
    }) as typeof URL.createObjectURL
    URL.revokeObjectURL = vi.fn()
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download })
    })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    auth.signOut()
  })

  async function chooseWindow(wrapper: any, from: string, to: string) {
    const pickers = wrapper.findAllComponents(ElDatePicker)
    pickers[0].vm.$emit('update:modelValue', from)
    pickers[1].vm.$emit('update:modelValue', to)
    await flush()
  }

  it('CSV: asks for the chosen window and format with the bearer token, and saves the answer under the server\'s file name', async () => {
    const { sent } = api(() => file(CSV, 'text/csv', 'minhu-records-2026-11-01-2026-11-30.csv'))
    const { wrapper } = await mountScreen(Stats, '/stats')
    await flush(10)
    await chooseWindow(wrapper, '2026-11-01', '2026-11-30')
    await wrapper.get('[data-test="export-csv"]').trigger('click')
    await flush(10)

    const exports = sent.filter(s => s.url.startsWith('/api/v1/stats/records'))
    expect(exports).toHaveLength(1)
    const q = new URL(exports[0].url, 'http://x').searchParams
    expect([q.get('from'), q.get('to'), q.get('format')]).toEqual(['2026-11-01', '2026-11-30', 'csv'])
    expect(exports[0].headers.Authorization).toBe('Bearer tok-auditor')
    expect(exports[0].headers.Accept).toContain('text/csv')
    expect(blobs).toHaveLength(1)
    expect(await blobs[0].text()).toBe(CSV)
    expect(saved).toEqual([{ href: 'blob:http://localhost/1', download: 'minhu-records-2026-11-01-2026-11-30.csv' }])
    wrapper.unmount()
  })

  it('NDJSON: format=ndjson, and without a window chosen none is sent (the API\'s default applies)', async () => {
    const { sent } = api(() => file(NDJSON, 'application/x-ndjson', 'minhu-records-2026-01-01-2026-12-03.ndjson'))
    const { wrapper } = await mountScreen(Stats, '/stats')
    await flush(10)
    await wrapper.get('[data-test="export-ndjson"]').trigger('click')
    await flush(10)
    const q = new URL(sent.find(s => s.url.startsWith('/api/v1/stats/records'))!.url, 'http://x').searchParams
    expect([q.get('format'), q.has('from'), q.has('to')]).toEqual(['ndjson', false, false])
    expect(await blobs[0].text()).toBe(NDJSON)
    expect(saved.map(s => s.download)).toEqual(['minhu-records-2026-01-01-2026-12-03.ndjson'])
    wrapper.unmount()
  })

  it('a refused export (a window too long) shows the service\'s reason and saves nothing', async () => {
    api(() => problem(400, { type: 'urn:minhu:problem:validation', title: 'Invalid parameter from',
      detail: 'One export spans at most 366 days', errors: [{ field: 'from', reason: 'at most 366 days before to' }] }))
    const { wrapper } = await mountScreen(Stats, '/stats')
    await flush(10)
    await chooseWindow(wrapper, '2024-01-01', '2026-11-30')
    await wrapper.get('[data-test="export-csv"]').trigger('click')
    await flush(10)
    expect(wrapper.get('[data-test="export-error"]').text()).toBe(i18n.global.t('common.failed', { detail: 'One export spans at most 366 days' }))
    expect(saved).toEqual([])
    wrapper.unmount()
  })
})
