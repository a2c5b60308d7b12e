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

/** What GET /api/v1/cases/counts answers for QUEUE (RETURNED left out: the screen shows it as 0). */
const COUNTS = { byStatus: { ASSIGNED: 1, SIGNED: 2, ANSWERED: 1, REOPENED: 1 }, total: 5 }

const path = (r: Sent) => new URL(r.url, 'http://x').pathname
const isList = (r: Sent) => path(r) === '/api/v1/cases'
const isCounts = (r: Sent) => path(r) === '/api/v1/cases/counts'
const params = (r: Sent) => Object.fromEntries(new URL(r.url, 'http://x').searchParams)

function queueApi(items: unknown[] = QUEUE, counts: object = COUNTS) {
  return fakeFetch((req: Sent) => isCounts(req) ? json(200, counts)
    : isList(req) ? json(200, { items, limit: 100, offset: 0 })
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
    expect(params(sent.find(isList)!)).toEqual({ sort: 'deadline', limit: '100', offset: '0' })

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

  it('shows the counts per status the API gives, and asks the API for the cases of the status chosen', async () => {
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
    expect(count('WITHDRAWN')).toContain('(0)')
    // one page of the queue, not the whole of it, is read for the counts
    expect(sent.filter(isList)).toHaveLength(1)
    expect(sent.filter(isCounts)).toHaveLength(1)

    await wrapper.get('[data-test="status-SIGNED"] input').setValue(true)
    await flush()
    expect(params(sent.filter(isList).at(-1)!)).toEqual({ sort: 'deadline', limit: '100', offset: '0', status: 'SIGNED' })
    // the counts are asked without the status: the tabs keep showing the whole queue's
    expect(params(sent.filter(isCounts).at(-1)!)).toEqual({})
    expect(count('ASSIGNED')).toContain('(1)')
    wrapper.unmount()
  })

  it('sends overdue, due-by (end of that China day) and category to the API', async () => {
    const { sent } = queueApi()
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush()
    const last = () => params(sent.filter(isList).at(-1)!)

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
    // the counts with the same filters
    expect(params(sent.filter(isCounts).at(-1)!)).toEqual({ overdue: 'true', dueBefore: '2026-12-08T00:00:00+08:00', category: 'health' })
    wrapper.unmount()
  })

  it('filters by officer (承办人): mine and unassigned are ?officer=me and none, for the list and the counts; all sends none', async () => {
    const { sent } = queueApi([kase('c-mine', 'SIGNED', '2026-12-09T18:00:00+08:00', { officerId: 's' })])
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush()
    expect(params(sent.filter(isList).at(-1)!).officer).toBeUndefined()
    expect(wrapper.get('[data-test="row-officer"]').text()).toBe('s')

    await wrapper.get('[data-test="officer-me"] input').setValue(true)
    await flush()
    expect(params(sent.filter(isList).at(-1)!)).toEqual({ sort: 'deadline', limit: '100', offset: '0', officer: 'me' })
    expect(params(sent.filter(isCounts).at(-1)!)).toEqual({ officer: 'me' })

    await wrapper.get('[data-test="officer-none"] input').setValue(true)
    await flush()
    expect(params(sent.filter(isList).at(-1)!).officer).toBe('none')
    expect(params(sent.filter(isCounts).at(-1)!)).toEqual({ officer: 'none' })

    await wrapper.get('[data-test="officer-all"] input').setValue(true)
    await flush()
    expect(params(sent.filter(isList).at(-1)!).officer).toBeUndefined()
    expect(params(sent.filter(isCounts).at(-1)!)).toEqual({})
    expect(wrapper.get('[data-test="officer-me"]').text()).toBe('我承办的')
    wrapper.unmount()
  })

  it('reads one page of a long queue, and the next when asked', async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => kase(`a${String(i).padStart(3, '0')}`, 'ASSIGNED', '2026-12-09T18:00:00+08:00'))
    const page2 = [kase('b', 'SIGNED', '2026-12-10T18:00:00+08:00')]
    const { sent } = fakeFetch(req => {
      if (isCounts(req)) {
        return json(200, { byStatus: { ASSIGNED: 100, SIGNED: 1 }, total: 101 })
      }
      if (!isList(req)) {
        return json(200, [])
      }
      const offset = params(req).offset
      return json(200, { items: offset === '0' ? page1 : page2, limit: 100, offset: Number(offset) })
    })
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush(10)
    const offsets = () => sent.filter(isList).map(r => params(r).offset)
    expect(offsets()).toEqual(['0'])
    expect(wrapper.get('[data-test="status-all"]').text()).toContain('(101)')
    expect(wrapper.get('[data-test="status-ASSIGNED"]').text()).toContain('(100)')
    expect(numbers(wrapper)).toHaveLength(100)

    await wrapper.get('[data-test="more"]').trigger('click')
    await flush(10)
    expect(offsets()).toEqual(['0', '100'])
    expect(numbers(wrapper)).toHaveLength(101)
    expect(numbers(wrapper).at(-1)).toBe('CQ-b')
    expect(wrapper.find('[data-test="more"]').exists()).toBe(false)
    wrapper.unmount()
  })
  it('lists withdrawn cases as a status of their own: counted on its tab, asked for with status=WITHDRAWN, with no deadline badge', async () => {
    const gone = kase('c-gone', 'WITHDRAWN', '2026-12-03T18:00:00+08:00')
    const { sent } = queueApi([gone], { byStatus: { WITHDRAWN: 1 }, total: 1 })
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush()
    expect(wrapper.get('[data-test="status-WITHDRAWN"]').text()).toBe('已撤回 (1)')
    const row = wrapper.get('[data-test="queue"] tbody tr')
    expect(row.text()).toContain('已撤回')
    expect(row.find('[data-test="badge-overdue"]').exists()).toBe(false) // its deadline passed, but nothing is due any more
    await wrapper.get('[data-test="status-WITHDRAWN"] input').setValue(true)
    await flush()
    expect(params(sent.filter(isList).at(-1)!).status).toBe('WITHDRAWN')
    wrapper.unmount()
  })

  it('has tabs for cases refused (不予受理) and handed off, with the API\'s counts and no deadline badge', async () => {
    const refused = kase('c-refused', 'REFUSED', '2026-12-03T18:00:00+08:00')
    const { sent } = queueApi([refused], { byStatus: { ASSIGNED: 0, SIGNED: 0, RETURNED: 0, ANSWERED: 0, REOPENED: 0, WITHDRAWN: 0,
      REFUSED: 2, HANDED_OFF: 3 }, total: 5 })
    const { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush()
    expect(wrapper.get('[data-test="status-REFUSED"]').text()).toBe('不予受理 (2)')
    expect(wrapper.get('[data-test="status-HANDED_OFF"]').text()).toBe('已移交 (3)')
    const row = wrapper.get('[data-test="queue"] tbody tr')
    expect(row.text()).toContain('不予受理')
    expect(row.find('[data-test="badge-overdue"]').exists()).toBe(false)
    await wrapper.get('[data-test="status-HANDED_OFF"] input').setValue(true)
    await flush()
    expect(params(sent.filter(isList).at(-1)!).status).toBe('HANDED_OFF')
    i18n.global.locale.value = 'en'
    await flush()
    expect(wrapper.get('[data-test="status-REFUSED"]').text()).toBe('Not accepted (2)')
    expect(wrapper.get('[data-test="status-HANDED_OFF"]').text()).toBe('Handed off (3)')
    i18n.global.locale.value = 'zh-CN'
    wrapper.unmount()
  })
})
