// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElDatePicker, ElSelect } from 'element-plus'
import CaseQueue from '../src/views/desk/CaseQueue.vue'
import { auth } from '../src/stores/auth'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, type Sent } from './setup'
import { mountScreen } from './mount'

/** Friday 4 December 2026, 10:00 China time. */
const NOW = Date.parse('2026-12-04T10:00:00+08:00')

function kase(id: string, status: string, answerDeadline: string, extra: Record<string, unknown> = {}) {
  return {
    id, petitionId: `p-${id}`, trackingNumber: `CQ-${id}`, title: `title ${id}`, categoryCode: 'health', handling: 'NORMAL',
    regionCode: 'Z-WSJKQ', status, leadUnitId: 'Z-WSJKQ-health', answerDeadline, overdue: false, returnCount: 0, flagged: false,
    finalRuling: false, reopenCount: 0, allowedActions: [], ...extra,
  }
}

// Out of order on purpose: the screen shows the earliest deadline first.
const QUEUE = [
  kase('c-mon', 'ASSIGNED', '2026-12-07T09:00:00+08:00'), // Monday 09:00: within one working day of Friday 10:00
  kase('c-late', 'SIGNED', '2026-12-03T18:00:00+08:00', { overdue: true }),
  kase('c-tue', 'SIGNED', '2026-12-08T09:00:00+08:00'),
  kase('c-done', 'ANSWERED', '2026-12-01T18:00:00+08:00'),
  kase('c-re', 'REOPENED', '2026-12-10T18:00:00+08:00'),
]

function queueApi(items: unknown[] = QUEUE) {
  return fakeFetch((req: Sent) => req.url.startsWith('/api/v1/cases') ? json(200, { items, limit: 100, offset: 0 })
    : req.url.startsWith('/api/v1/categories')
      ? json(200, [{ code: 'health', name: { zh: '医疗卫生', en: 'Health' }, group: 'g', groupName: { zh: 'g', en: 'g' }, handling: 'NORMAL', keywords: [] }])
      : json(200, []))
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const rows = (w: any): string[] => w.findAll('[data-test="queue"] tbody tr').map((r: any) => r.text())
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const numbers = (w: any): string[] => w.findAll('[data-test="queue"] tbody tr a').map((a: any) => a.text())

describe('the unit workbench (办理)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    i18n.global.locale.value = 'zh-CN'
    auth.signIn({ token: 'tok', role: 'unit_staff', sub: 's', unitId: 'Z-WSJKQ-health', expiresAt: NOW + 3_600_000 })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('asks the API for the queue by deadline and shows it earliest first, with overdue and due-within-a-working-day badges', async () => {
    const { sent } = queueApi()
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush()
    const query = new URL(sent.find(r => r.url.startsWith('/api/v1/cases'))!.url, 'http://x').searchParams
    expect(Object.fromEntries(query)).toEqual({ sort: 'deadline', limit: '100', offset: '0' })

    const shown = rows(wrapper)
    expect(numbers(wrapper)).toEqual(['CQ-c-done', 'CQ-c-late', 'CQ-c-mon', 'CQ-c-tue', 'CQ-c-re'])
    const badgeOf = (id: string) => {
      const row = wrapper.findAll('[data-test="queue"] tbody tr').find(r => r.text().includes(`CQ-${id}`))!
      return row.find('[data-test="badge-overdue"]').exists() ? 'overdue' : row.find('[data-test="badge-due-soon"]').exists() ? 'dueSoon' : null
    }
    expect(badgeOf('c-late')).toBe('overdue')
    expect(badgeOf('c-mon')).toBe('dueSoon') // 71 hours away, but one working day (the weekend between)
    expect(badgeOf('c-tue')).toBeNull()
    expect(badgeOf('c-done')).toBeNull()
    // the deadline in China time, as zh-CN writes it
    expect(shown[2]).toContain('2026/12/07 09:00')
    wrapper.unmount()
  })

  it('counts the cases of each status, and filters by status without asking the API again', async () => {
    const { sent } = queueApi()
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush()
    const count = (s: string) => wrapper.get(`[data-test="status-${s}"]`).text()
    expect(count('all')).toContain('(5)')
    expect(count('ASSIGNED')).toContain('(1)')
    expect(count('SIGNED')).toContain('(2)')
    expect(count('RETURNED')).toContain('(0)')
    expect(count('ANSWERED')).toContain('(1)')
    expect(count('REOPENED')).toContain('(1)')

    const before = sent.length
    await wrapper.get('[data-test="status-SIGNED"] input').setValue(true)
    await flush()
    expect(numbers(wrapper)).toEqual(['CQ-c-late', 'CQ-c-tue'])
    expect(sent.length).toBe(before)
    expect(count('ASSIGNED')).toContain('(1)') // the counts stay those of the whole queue
    wrapper.unmount()
  })

  it('sends overdue, due-by (end of that China day) and category to the API', async () => {
    const { sent } = queueApi()
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush()
    const last = () => Object.fromEntries(new URL(sent.filter(r => r.url.startsWith('/api/v1/cases')).at(-1)!.url, 'http://x').searchParams)

    await wrapper.get('[data-test="overdue-filter"] input').setValue(true)
    await flush()
    expect(last()).toMatchObject({ sort: 'deadline', overdue: 'true' })

    const picker = wrapper.findComponent(ElDatePicker)
    picker.vm.$emit('update:modelValue', '2026-12-07')
    picker.vm.$emit('change', '2026-12-07')
    await flush()
    expect(last()).toMatchObject({ overdue: 'true', dueBefore: '2026-12-08T00:00:00+08:00' })

    const select = wrapper.findComponent(ElSelect) // the category filter, the screen's only select
    select.vm.$emit('update:modelValue', 'health')
    select.vm.$emit('change', 'health')
    await flush()
    expect(last()).toEqual({ sort: 'deadline', limit: '100', offset: '0', overdue: 'true', dueBefore: '2026-12-08T00:00:00+08:00', category: 'health' })
    expect(last().status).toBeUndefined()
    wrapper.unmount()
  })

  it('reads every page of a long queue for the counts', async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => kase(`a${String(i).padStart(3, '0')}`, 'ASSIGNED', '2026-12-09T18:00:00+08:00'))
    const page2 = [kase('b', 'SIGNED', '2026-12-09T18:00:00+08:00')]
    const { sent } = fakeFetch(req => {
      if (!req.url.startsWith('/api/v1/cases')) {
        return json(200, [])
      }
      const offset = new URL(req.url, 'http://x').searchParams.get('offset')
      return json(200, { items: offset === '0' ? page1 : page2, limit: 100, offset: Number(offset) })
    })
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush(10)
    expect(sent.filter(r => r.url.startsWith('/api/v1/cases')).map(r => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual(['0', '100'])
    expect(wrapper.get('[data-test="status-all"]').text()).toContain('(101)')
    expect(wrapper.get('[data-test="status-ASSIGNED"]').text()).toContain('(100)')
    wrapper.unmount()
  })
})
