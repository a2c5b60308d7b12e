import type { HandlingCounts, SatisfactionCounts } from './types'
import { formatNumber, formatRate } from '../format'

/**
 * The rates the statistics API publishes, each with the counts it is computed from, as the
 * formulas the API returns state them (feedback-service StatsViews): the screens show every rate
 * beside its numerator and denominator, in the chart's tooltip and in the table next to it.
 */
export interface RateDef<C> {
  /** the field of the API's answer holding the rate (null when the denominator is 0) */
  rate: keyof C & string
  /** message key of the rate's name */
  label: string
  numerator: { label: string; value: (c: C) => number }
  denominator: { label: string; value: (c: C) => number }
}

export const SATISFACTION_RATES: RateDef<SatisfactionCounts>[] = [
  {
    rate: 'satisfactionRate', label: 'stats.satisfactionRate',
    numerator: { label: 'stats.satisfiedOrBasically', value: c => c.satisfied + c.basicallySatisfied },
    denominator: { label: 'stats.rated', value: c => c.rated },
  },
  {
    rate: 'resolutionRate', label: 'stats.resolutionRate',
    numerator: { label: 'stats.solved', value: c => c.solved },
    denominator: { label: 'stats.rated', value: c => c.rated },
  },
]

/**
 * The assignments a unit could sign: those closed before signing (withdrawn, refused, handed off) left
 * out, never below 0 (formula version 2 of the response and return rates: "(assignments -
 * closedBeforeSigning)"). An older service without the count leaves assignments as they are.
 */
export function signableAssignments(c: HandlingCounts): number {
  return Math.max(0, c.assignments - (c.closedBeforeSigning ?? 0))
}

export const HANDLING_RATES: RateDef<HandlingCounts>[] = [
  {
    rate: 'responseRate', label: 'stats.responseRate',
    numerator: { label: 'stats.signedWithinLimit', value: c => c.signedWithinLimit },
    denominator: { label: 'stats.signableAssignments', value: signableAssignments },
  },
  {
    rate: 'onTimeAnswerRate', label: 'stats.onTimeAnswerRate',
    numerator: { label: 'stats.answeredOnTime', value: c => c.answeredOnTime },
    denominator: { label: 'stats.answered', value: c => c.answered },
  },
  {
    rate: 'returnRate', label: 'stats.returnRate',
    numerator: { label: 'stats.returned', value: c => c.returned },
    denominator: { label: 'stats.signableAssignments', value: signableAssignments },
  },
]

/** The handling counts of the full table, in its order: the work done, then the requests ended without an answer. */
export const HANDLING_COUNTS = ['dispatched', 'assignments', 'signed', 'signedWithinLimit', 'returned', 'answered', 'answeredOnTime',
  'extended', 'reminded', 'escalated', 'overdue', 'reopened', 'withdrawn', 'refused', 'handedOff', 'closedBeforeSigning'] as const

/** One group of a statistics answer, with the label the reader sees. */
export interface LabelledGroup<C> { label: string; counts: C }

/** "92.8% (13 / 14)", or "— (0 / 0)" when nothing was counted. */
export function rateWithCounts<C>(def: RateDef<C>, c: C, locale: string, none = '—'): string {
  const rate = formatRate(c[def.rate as keyof C] as unknown as number | null, locale) ?? none
  return `${rate} (${formatNumber(def.numerator.value(c), locale)} / ${formatNumber(def.denominator.value(c), locale)})`
}

/**
 * The ECharts option of a chart of rates per group: one series per rate, in percent, a gap
 * (not 0) where the API says null; a line over months, bars otherwise. The tooltip gives each
 * rate with its counts.
 */
export function rateChartOption<C>(
  groups: LabelledGroup<C>[], defs: RateDef<C>[], t: (key: string) => string, locale: string, overTime: boolean,
): Record<string, unknown> {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 40, bottom: overTime ? 32 : 72 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const i = params[0]?.dataIndex ?? 0
        const g = groups[i]
        return g ? [g.label, ...defs.map(d => `${t(d.label)}: ${rateWithCounts(d, g.counts, locale)}`)].join('<br/>') : ''
      },
    },
    xAxis: {
      type: 'category',
      data: groups.map(g => g.label),
      axisLabel: overTime ? {} : { interval: 0, rotate: groups.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: defs.map(d => ({
      name: t(d.label),
      type: overTime ? 'line' : 'bar',
      connectNulls: false,
      data: groups.map(g => {
        const r = g.counts[d.rate as keyof C] as unknown as number | null
        return r === null || r === undefined ? null : Math.round(Number(r) * 1000) / 10
      }),
    })),
  }
}
