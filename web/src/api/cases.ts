import type { Case } from './types'
import { isChinaWeekend, nextChinaDay, startOfChinaDay } from '../format'

/**
 * Actions of the case API: the names allowedActions lists (CasePolicy), the path of each under
 * /api/v1/cases/{id}/ and the message key of its label. The screens offer only what the case's
 * allowedActions lists; the service decides.
 */
export const CASE_ACTIONS: Record<string, { path: string; label: string }> = {
  sign: { path: 'sign', label: 'case.sign' },
  return: { path: 'return', label: 'case.return' },
  answer: { path: 'answer', label: 'case.answer' },
  'request-extension': { path: 'extension', label: 'case.requestExtension' },
  'decide-extension': { path: 'extension/decision', label: 'case.decideExtension' },
  ruling: { path: 'ruling', label: 'case.ruling' },
  transfer: { path: 'transfer', label: 'case.transfer' },
  'add-co-handler': { path: 'co-handlers', label: 'case.addCoHandler' },
}

/** The actions of a case this front-end knows how to offer, in the API's order. */
export function offeredActions(c: Pick<Case, 'allowedActions'>): string[] {
  return (c.allowedActions ?? []).filter(a => a in CASE_ACTIONS)
}

export const RETURN_REASONS = ['NOT_OUR_JURISDICTION', 'WRONG_REGION', 'DUPLICATE_REQUEST', 'INSUFFICIENT_INFORMATION',
  'HANDLED_BY_OTHER_CHANNEL', 'OTHER'] as const

/** The shortest reply the API accepts (CaseViews.Answer). */
export const MIN_REPLY = 10

const DAY = 24 * 60 * 60 * 1000

/**
 * The end of "one working day from now": 24 hours on, moved past Saturdays and Sundays in China
 * time. The API does not publish its holiday calendar (with 调休 make-up days), so public holidays
 * count as working days here and a make-up Saturday does not: the badge may come a day early
 * before a holiday, never late on an ordinary week.
 */
export function oneWorkingDayFrom(now: number): number {
  let end = now + DAY
  while (isChinaWeekend(end)) {
    end += DAY
  }
  return end
}

/**
 * The badge of a case in a queue: overdue when the API says so; due soon when its answer deadline
 * falls within one working day (oneWorkingDayFrom); none once answered or withdrawn.
 */
export function deadlineBadge(c: Pick<Case, 'overdue' | 'status' | 'answerDeadline'>, now: number = Date.now()): 'overdue' | 'dueSoon' | null {
  if (c.status === 'ANSWERED' || c.status === 'WITHDRAWN') {
    return null
  }
  const due = Date.parse(c.answerDeadline)
  if (c.overdue || (!Number.isNaN(due) && due < now)) {
    return 'overdue'
  }
  return !Number.isNaN(due) && due <= oneWorkingDayFrom(now) ? 'dueSoon' : null
}

/** The statuses of a case (CaseStatus), in the order a queue shows them. */
export const CASE_STATUSES = ['ASSIGNED', 'SIGNED', 'RETURNED', 'ANSWERED', 'REOPENED', 'WITHDRAWN'] as const

/** GET /api/v1/cases/counts: the caller's queue counted per status (CaseViews.CaseCounts). */
export interface CaseCounts { byStatus: Record<string, number>; total: number }

/** Every status of CASE_STATUSES with its count (0 when the API left it out), and the total. */
export function statusCounts(c: CaseCounts | null): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(CASE_STATUSES.map(s => [s, 0]))
  for (const [status, n] of Object.entries(c?.byStatus ?? {})) {
    counts[status] = n
  }
  return counts
}

/** The queue's filters: all of them the API's (GET /api/v1/cases and its counts). */
export interface QueueFilter {
  status: string
  overdue: boolean
  /** a China date, YYYY-MM-DD: cases due on or before it */
  dueBy: string
  category: string
}

/**
 * The query of GET /api/v1/cases/counts: overdue, dueBefore and category, the list's filters
 * besides status (the counts are per status, so the status tabs show them whichever is chosen).
 */
export function countsQuery(f: QueueFilter): Record<string, string | boolean | undefined> {
  return {
    overdue: f.overdue || undefined,
    dueBefore: f.dueBy ? startOfChinaDay(nextChinaDay(f.dueBy)) : undefined,
    category: f.category || undefined,
  }
}

/** The query of GET /api/v1/cases: one page of the queue, earliest answer deadline first, with every filter. */
export function queueQuery(f: QueueFilter, offset: number, limit: number): Record<string, string | number | boolean | undefined> {
  return {
    sort: 'deadline',
    limit,
    offset,
    status: f.status || undefined,
    ...countsQuery(f),
  }
}

/** Earliest answer deadline first (the API's order; kept when pages are joined), then id. */
export function byDeadline<T extends Pick<Case, 'answerDeadline' | 'id'>>(items: T[]): T[] {
  return [...items].sort((a, b) => (Date.parse(a.answerDeadline) - Date.parse(b.answerDeadline)) || a.id.localeCompare(b.id))
}
