// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import Stats from '../src/views/desk/Stats.vue'
import { i18n } from '../src/i18n'
import { HANDLING_RATES, SATISFACTION_RATES, rateChartOption, rateWithCounts } from '../src/api/stats'
import type { HandlingCounts, SatisfactionCounts } from '../src/api/types'
import { fakeFetch, flush, json } from './setup'
import { mountScreen } from './mount'

function sat(satisfied: number, basically: number, unsatisfied: number, solved: number): SatisfactionCounts {
  const rated = satisfied + basically + unsatisfied
  return {
    satisfied, basicallySatisfied: basically, unsatisfied, rated, notRated: 1,
    satisfactionRate: rated ? Math.round(((satisfied + basically) / rated) * 1e6) / 1e6 : null,
    solved, partlySolved: 0, notSolved: rated - solved, resolutionRate: rated ? Math.round((solved / rated) * 1e6) / 1e6 : null,
    reReviewed: 0, closedAfterReReview: 0,
  }
}
function handling(assignments: number, signedWithinLimit: number, answered: number, answeredOnTime: number, returned: number): HandlingCounts {
  const r = (n: number, d: number) => (d ? Math.round((n / d) * 1e6) / 1e6 : null)
  return {
    dispatched: assignments, assignments, signed: signedWithinLimit, signedWithinLimit, responseRate: r(signedWithinLimit, assignments),
    returned, returnRate: r(returned, assignments), answered, answeredOnTime, onTimeAnswerRate: r(answeredOnTime, answered),
    hops: answered, averageHops: r(answered, answered), extended: 0, reminded: 0, escalated: 0, overdue: 0, reopened: 0,
    reReviewed: 0, closedAfterReReview: 0, withdrawn: 0, refused: 0, handedOff: 0, closedBeforeSigning: 0,
  }
}

const NOV = sat(10, 3, 1, 11) // 13 of 14 satisfied: 92.9%
const DEC = sat(0, 0, 0, 0) // nothing rated: null, not 0%
const SATISFACTION = {
  window: { from: '2026-11-01', to: '2026-12-31' }, groupBy: 'month',
  formulas: [{ id: 'satisfaction-rate', version: 1, expression: '(satisfied + basicallySatisfied) / rated', dateBasis: 'answer rounds' }],
  total: sat(10, 3, 1, 11),
  // the December group first on purpose: months are shown in order
  groups: [{ key: '2026-12', ...DEC }, { key: '2026-11', ...NOV }],
}
const HANDLING = {
  window: SATISFACTION.window, groupBy: 'month',
  formulas: [{ id: 'response-rate', version: 1, expression: 'signedWithinLimit / assignments', dateBasis: 'steps' }],
  total: handling(20, 18, 16, 12, 2),
  groups: [{ key: '2026-11', ...handling(20, 18, 16, 12, 2) }],
}
const t = (k: string) => k

describe('the rates charted with their counts', () => {
  it('puts each rate in percent, leaves a gap where the API says null, and gives the counts in the tooltip', () => {
    const groups = [{ label: 'Nov', counts: NOV }, { label: 'Dec', counts: DEC }]
    const option = rateChartOption(groups, SATISFACTION_RATES, t, 'en', true) as any
    expect(option.xAxis.data).toEqual(['Nov', 'Dec'])
    expect(option.series.map((s: any) => [s.name, s.type, s.data])).toEqual([
      ['stats.satisfactionRate', 'line', [92.9, null]],
      ['stats.resolutionRate', 'line', [78.6, null]],
    ])
    const tip = option.tooltip.formatter([{ dataIndex: 0 }])
    expect(tip).toContain('stats.satisfactionRate: 92.9% (13 / 14)')
    expect(tip).toContain('stats.resolutionRate: 78.6% (11 / 14)')
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).toContain('stats.satisfactionRate: — (0 / 0)')
  })

  it('bars when grouped by something other than months; the handling rates from their own counts', () => {
    const option = rateChartOption([{ label: '南岸区', counts: handling(20, 18, 16, 12, 2) }], HANDLING_RATES, t, 'zh-CN', false) as any
    expect(option.series.map((s: any) => [s.type, s.data[0]])).toEqual([['bar', 90], ['bar', 75], ['bar', 10]])
    expect(rateWithCounts(HANDLING_RATES[1], handling(2000, 1800, 1600, 1200, 2), 'en')).toBe('75.0% (1,200 / 1,600)')
  })
})

describe('the statistics screen', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    // jsdom has no canvas; ECharts then measures text its own way (without the noise of jsdom's "not implemented")
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    i18n.global.locale.value = 'zh-CN'
  })

  function statsApi() {
    return fakeFetch(req => req.url.startsWith('/api/v1/stats/satisfaction') ? json(200, SATISFACTION)
      : req.url.startsWith('/api/v1/stats/handling') ? json(200, HANDLING) : json(200, []))
  }

  it('asks both statistics endpoints, draws a chart of each, and shows every rate with its counts beside it', async () => {
    const { sent } = statsApi()
    const { wrapper } = await mountScreen(Stats, '/stats')
    await flush(10)
    const asked = sent.filter(r => r.url.startsWith('/api/v1/stats/')).map(r => new URL(r.url, 'http://x'))
    expect(asked.map(u => u.pathname).sort()).toEqual(['/api/v1/stats/handling', '/api/v1/stats/satisfaction'])
    expect(asked.every(u => u.searchParams.get('groupBy') === 'month')).toBe(true)

    const charts = wrapper.findAll('[data-test="chart"]')
    expect(charts).toHaveLength(2)
    expect(charts[0].find('svg').exists()).toBe(true)
    expect(charts[0].attributes('role')).toBe('img')

    const section = wrapper.get('[data-test="satisfaction-section"]')
    const rows = section.findAll('[data-test="satisfaction-rates"] tbody tr').map(r => r.text())
    expect(rows).toHaveLength(3) // November, December, total
    expect(rows[0]).toContain('2026年11月')
    expect(rows[0]).toContain('92.9%')
    expect(rows[0]).toContain('13 / 14')
    expect(rows[0]).toContain('11 / 14')
    expect(rows[1]).toContain('2026年12月')
    expect(rows[1]).toContain('—')
    expect(rows[1]).toContain('0 / 0')
    expect(rows[1]).not.toContain('0.0%')

    const handlingRow = wrapper.get('[data-test="handling-section"] [data-test="handling-rates"] tbody tr').text()
    expect(handlingRow).toContain('90.0%')
    expect(handlingRow).toContain('18 / 20')
    expect(handlingRow).toContain('75.0%')
    expect(handlingRow).toContain('12 / 16')
    expect(wrapper.text()).toContain('signedWithinLimit / assignments')
    wrapper.unmount()
  })

  it('writes months and numbers the English way in en', async () => {
    statsApi()
    i18n.global.locale.value = 'en'
    const { wrapper } = await mountScreen(Stats, '/stats')
    await flush(10)
    const row = wrapper.get('[data-test="satisfaction-rates"] tbody tr').text()
    expect(row).toContain('Nov 2026')
    expect(row).toContain('92.9%')
    wrapper.unmount()
  })

  it('shows the requests ended without an answer, and computes the response and return rates without those closed before signing', async () => {
    // 24 assignments, 4 of them closed before a unit could sign (1 withdrawn, 2 refused, 1 handed off): 18 / 20 signed in time
    const closed = { ...handling(24, 18, 16, 12, 2), responseRate: 0.9, returnRate: 0.1, withdrawn: 1, refused: 2, handedOff: 3,
      closedBeforeSigning: 4 }
    const v2 = {
      ...HANDLING, total: closed, groups: [{ key: '2026-11', ...closed }],
      formulas: [{ id: 'response-rate', version: 2, expression: 'signedWithinLimit / (assignments - closedBeforeSigning)', dateBasis: 'steps' },
        { id: 'return-rate', version: 2, expression: 'returned / (assignments - closedBeforeSigning)', dateBasis: 'steps' }],
    }
    fakeFetch(req => req.url.startsWith('/api/v1/stats/satisfaction') ? json(200, SATISFACTION)
      : req.url.startsWith('/api/v1/stats/handling') ? json(200, v2) : json(200, []))
    const { wrapper } = await mountScreen(Stats, '/stats')
    await flush(10)
    const rates = wrapper.get('[data-test="handling-rates"] tbody tr')
    expect(rates.get('[data-test="rate-responseRate"]').text()).toBe('90.0%')
    expect(rates.get('[data-test="counts-responseRate"]').text()).toBe('18 / 20')
    expect(rates.get('[data-test="counts-returnRate"]').text()).toBe('2 / 20')
    expect(wrapper.get('[data-test="handling-rates"]').text()).toContain('派单次数 − 签收前结束')

    const counts = wrapper.get('[data-test="handling-counts"]')
    const header = counts.findAll('thead th').map(h => h.text())
    expect(header).toEqual(expect.arrayContaining(['诉求人撤回', '不予受理', '移交 110 等', '签收前结束']))
    const row = counts.get('tbody tr')
    expect(row.get('[data-test="count-withdrawn"]').text()).toBe('1')
    expect(row.get('[data-test="count-refused"]').text()).toBe('2')
    expect(row.get('[data-test="count-handedOff"]').text()).toBe('3')
    expect(row.get('[data-test="count-closedBeforeSigning"]').text()).toBe('4')
    expect(row.get('[data-test="count-assignments"]').text()).toBe('24')

    // the formulas as the API states them, version 2 included
    const formulas = wrapper.get('[data-test="formulas"]').text()
    expect(formulas).toContain('response-rate v2')
    expect(formulas).toContain('signedWithinLimit / (assignments - closedBeforeSigning)')
    expect(formulas).toContain('returned / (assignments - closedBeforeSigning)')

    i18n.global.locale.value = 'en'
    await flush()
    expect(wrapper.get('[data-test="handling-counts"]').findAll('thead th').map(h => h.text()))
      .toEqual(expect.arrayContaining(['Withdrawn', 'Not accepted', 'Handed off', 'Closed before signing']))
    wrapper.unmount()
  })
})
