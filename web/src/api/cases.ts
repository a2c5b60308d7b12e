import type { Case } from './types'

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
 * The badge of a case in a queue: overdue when the API says so; due soon within 24 hours of its
 * answer deadline (the API does not publish the working-day calendar, so this counts hours).
 */
export function deadlineBadge(c: Pick<Case, 'overdue' | 'status' | 'answerDeadline'>, now: number = Date.now()): 'overdue' | 'dueSoon' | null {
  if (c.status === 'ANSWERED') {
    return null
  }
  if (c.overdue) {
    return 'overdue'
  }
  const due = Date.parse(c.answerDeadline)
  return !Number.isNaN(due) && due - now <= DAY ? 'dueSoon' : null
}
