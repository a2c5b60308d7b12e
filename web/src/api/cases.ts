import type { Case, CaseNote, ReplyDraft } from './types'
import { api } from './client'
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
  refuse: { path: 'refusal', label: 'case.refuse' },
  'hand-off': { path: 'hand-off', label: 'case.handOff' },
}

/** The actions of a case this front-end knows how to offer, in the API's order. */
export function offeredActions(c: Pick<Case, 'allowedActions'>): string[] {
  return (c.allowedActions ?? []).filter(a => a in CASE_ACTIONS)
}

export const RETURN_REASONS = ['NOT_OUR_JURISDICTION', 'WRONG_REGION', 'DUPLICATE_REQUEST', 'INSUFFICIENT_INFORMATION',
  'HANDLED_BY_OTHER_CHANNEL', 'OTHER'] as const

/** 不予受理: why a request is out of remit (RefusalReason), and the legal route to take instead (LegalRoute). */
export const REFUSAL_REASONS = ['LITIGATION_OR_ARBITRATION', 'ADMINISTRATIVE_REVIEW', 'XINFANG_MATTER', 'INFORMATION_DISCLOSURE',
  'NOT_GOVERNMENT_MATTER', 'UNLAWFUL_OR_ABUSIVE', 'NO_SUBSTANCE'] as const
export const LEGAL_ROUTES = ['LITIGATION', 'ARBITRATION', 'ADMINISTRATIVE_REVIEW', 'XINFANG', 'INFORMATION_DISCLOSURE', 'NONE'] as const
/** Who takes a handed-off request over (HandOffTarget); UTILITY_HOTLINE needs the hotline's name. */
export const HAND_OFF_TARGETS = ['POLICE_110', 'FIRE_119', 'AMBULANCE_120', 'TRAFFIC_POLICE_122', 'UTILITY_HOTLINE'] as const
/** Limits of CaseViews.Refusal and CaseViews.HandOff. */
export const REFUSAL_REASON_MIN = 10
export const CLOSURE_REASON_MAX = 1000
export const TARGET_NAME_MAX = 100

export interface RefusalForm { reasonCode: string; route: string; reason: string }
export interface HandOffForm { target: string; targetName: string; reason: string }

/** What is wrong with a refusal before it is sent, as message keys by field (the service checks the same). */
export function refusalProblems(f: RefusalForm): Record<string, string> {
  const out: Record<string, string> = {}
  if (!f.reasonCode) {
    out.reasonCode = 'closure.chooseReason'
  }
  if (!f.route) {
    out.route = 'closure.chooseRoute'
  }
  const n = f.reason.trim().length
  if (n < REFUSAL_REASON_MIN || n > CLOSURE_REASON_MAX) {
    out.reason = 'closure.refusalLength'
  }
  return out
}

/** What is wrong with a hand-off before it is sent: a target, the hotline's name for a utility, a reason. */
export function handOffProblems(f: HandOffForm): Record<string, string> {
  const out: Record<string, string> = {}
  if (!f.target) {
    out.target = 'closure.chooseTarget'
  }
  if (f.target === 'UTILITY_HOTLINE' && !f.targetName.trim()) {
    out.targetName = 'closure.nameHotline'
  }
  if (f.targetName.trim().length > TARGET_NAME_MAX) {
    out.targetName = 'closure.targetNameTooLong'
  }
  if (!f.reason.trim()) {
    out.reason = 'closure.explain'
  } else if (f.reason.trim().length > CLOSURE_REASON_MAX) {
    out.reason = 'closure.reasonTooLong'
  }
  return out
}

/** POST /cases/{id}/refusal's body. */
export function toRefusal(f: RefusalForm) {
  return { reasonCode: f.reasonCode, route: f.route, reason: f.reason.trim() }
}

/** POST /cases/{id}/hand-off's body: the hotline's name only when one was given. */
export function toHandOff(f: HandOffForm) {
  const name = f.targetName.trim()
  return { target: f.target, ...(name ? { targetName: name } : {}), reason: f.reason.trim() }
}

/**
 * A refusal or a hand-off as the case history writes its reason: "CODE: ROUTE: text" for `refuse`,
 * "TARGET: name: text" (a utility's hotline) or "TARGET: text" for `hand-off`. The codes and the text, or
 * null when the reason is something else (then it is shown as it is). The history has no separate
 * fields for them; a hotline's name holding ": " would be read short.
 */
export function parseClosure(action: string, reason: string | undefined | null): { code: string; route: string | null; text: string } | null {
  if (!reason) {
    return null
  }
  if (action === 'refuse') {
    const m = /^([A-Z_]+): ([A-Z_]+)(?::\s*([\s\S]*))?$/.exec(reason.trim())
    return m ? { code: m[1], route: m[2], text: (m[3] ?? '').trim() } : null
  }
  if (action === 'hand-off') {
    const m = /^([A-Z0-9_]+)(?::\s*([\s\S]*))?$/.exec(reason.trim())
    if (!m) {
      return null
    }
    const rest = (m[2] ?? '').trim()
    if (m[1] === 'UTILITY_HOTLINE') {
      const i = rest.indexOf(': ')
      return i < 0 ? { code: m[1], route: rest || null, text: '' } : { code: m[1], route: rest.slice(0, i).trim(), text: rest.slice(i + 2).trim() }
    }
    return { code: m[1], route: null, text: rest }
  }
  return null
}

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
 * falls within one working day (oneWorkingDayFrom); none once answered, withdrawn, refused or handed off.
 */
export function deadlineBadge(c: Pick<Case, 'overdue' | 'status' | 'answerDeadline'>, now: number = Date.now()): 'overdue' | 'dueSoon' | null {
  if (c.status === 'ANSWERED' || ENDED_UNANSWERED.includes(c.status)) {
    return null
  }
  const due = Date.parse(c.answerDeadline)
  if (c.overdue || (!Number.isNaN(due) && due < now)) {
    return 'overdue'
  }
  return !Number.isNaN(due) && due <= oneWorkingDayFrom(now) ? 'dueSoon' : null
}

/** The statuses of a case (CaseStatus), in the order a queue shows them. */
export const CASE_STATUSES = ['ASSIGNED', 'SIGNED', 'RETURNED', 'ANSWERED', 'REOPENED', 'WITHDRAWN', 'REFUSED', 'HANDED_OFF'] as const

/** Statuses in which a case ended without an answer: no deadline runs, nothing more is done. */
export const ENDED_UNANSWERED: readonly string[] = ['WITHDRAWN', 'REFUSED', 'HANDED_OFF']

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
  /** 承办人: '' every case, 'me' the caller's own, 'none' those without an officer (the API's ?officer=). */
  officer?: OfficerFilter
}

export type OfficerFilter = '' | 'me' | 'none'
export const OFFICER_FILTERS: readonly OfficerFilter[] = ['', 'me', 'none']

/**
 * The query of GET /api/v1/cases/counts: overdue, dueBefore and category, the list's filters
 * besides status (the counts are per status, so the status tabs show them whichever is chosen).
 */
export function countsQuery(f: QueueFilter): Record<string, string | boolean | undefined> {
  return {
    overdue: f.overdue || undefined,
    dueBefore: f.dueBy ? startOfChinaDay(nextChinaDay(f.dueBy)) : undefined,
    category: f.category || undefined,
    officer: f.officer || undefined,
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

// --- the units' own tools on a case: 内部备注, 承办人, the reply draft (none of them reaches the petitioner) ---

/** The limits of an internal note (CaseViews.NoteRequest): counted in characters (code points), trimmed, as the service does. */
export const NOTE_MIN = 5
export const NOTE_MAX = 2000

/** The length of a note as the service counts it: code points of the trimmed text. */
export function noteLength(text: string): number {
  return [...text.trim()].length
}

/** GET /api/v1/cases/{id}/notes: the case's internal notes, oldest first. */
export function listNotes(caseId: string): Promise<CaseNote[]> {
  return api.get<CaseNote[]>(`/api/v1/cases/${encodeURIComponent(caseId)}/notes`).then(n => (Array.isArray(n) ? n : []))
}

/** POST /api/v1/cases/{id}/notes {text}: 201 with the note. */
export function addNote(caseId: string, text: string): Promise<CaseNote> {
  return api.post<CaseNote>(`/api/v1/cases/${encodeURIComponent(caseId)}/notes`, { text: text.trim() })
}

/** The statuses in which the lead unit may put one of its staff in charge (CasePolicy.officerAssignable). */
export const OFFICER_STATUSES: readonly string[] = ['ASSIGNED', 'SIGNED', 'REOPENED']

/**
 * Whether the screen offers "assign to me": the caller acts for the case's lead unit, the case is the unit's to
 * handle now, and the caller is not its officer already. allowedActions does not list it; the service decides
 * (403 for a unit that does not lead the case, 409 when its status has moved on).
 */
export function mayTakeCase(c: Pick<Case, 'leadUnitId' | 'status' | 'officerId'>, session: { unitId: string | null; sub: string } | null): boolean {
  return !!session && !!session.unitId && session.unitId === c.leadUnitId && OFFICER_STATUSES.includes(c.status)
    && c.officerId !== session.sub
}

/** PUT /api/v1/cases/{id}/officer {officerId}: the case, with its history, as it is now. */
export function assignOfficer(caseId: string, officerId: string): Promise<Case> {
  return api.put<Case>(`/api/v1/cases/${encodeURIComponent(caseId)}/officer`, { officerId })
}

/** GET /api/v1/cases/{id}/reply-draft?templateId=: a template of the caller's unit filled for the case; nothing is sent. */
export function replyDraft(caseId: string, templateId: string): Promise<ReplyDraft> {
  return api.get<ReplyDraft>(`/api/v1/cases/${encodeURIComponent(caseId)}/reply-draft`, { query: { templateId } })
}
