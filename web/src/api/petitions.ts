import { api } from './client'
import type { Addition, Category, Petition, TimelineEntry, WithdrawalReason, Withdrawal } from './types'
import type { PetitionDraft } from '../stores/drafts'

/** The API's field paths (NewPetition) → the form's fields, for problem+json errors. */
export const PETITION_FIELD_ALIASES: Record<string, string> = {
  title: 'title',
  description: 'description',
  categoryCode: 'categoryCode',
  regionCode: 'place',
  townCode: 'place',
  channel: '',
  'location.address': 'address',
  'location.latitude': 'address',
  'location.longitude': 'address',
  location: 'address',
  contact: 'contactName',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  'contact.hideName': 'hideName',
}
export const PETITION_FORM_FIELDS = ['title', 'description', 'categoryCode', 'place', 'address', 'contactName', 'contactPhone', 'hideName'] as const

/** Limits of NewPetition (petition-service), shown as counters. */
export const LIMITS = { title: 200, description: 4000, address: 500, contactName: 50 }

/** The body of POST /api/v1/petitions for a draft, filed through the web channel. */
export function toNewPetition(d: PetitionDraft) {
  const address = d.address.trim()
  return {
    title: d.title.trim(),
    description: d.description.trim(),
    categoryCode: d.categoryCode,
    regionCode: d.place[0] ?? '',
    ...(d.place[1] ? { townCode: d.place[1] } : {}),
    ...(address ? { location: { address } } : {}),
    channel: 'web',
    // hideName only when asked for: absent otherwise, as the API's idempotency fingerprint expects
    contact: { name: d.contactName.trim(), phone: d.contactPhone.replace(/\s/g, ''), ...(d.hideName ? { hideName: true } : {}) },
  }
}

/** A category matches a search by its Chinese or English name, its group or one of its keywords. */
export function matchesCategory(c: Category, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) {
    return true
  }
  const words = [c.code, c.name.zh, c.name.en, c.groupName?.zh, c.groupName?.en, ...(c.keywords ?? [])]
  return words.some(w => typeof w === 'string' && w.toLowerCase().includes(q))
}

/** The petitioner's actions on a request, as GET /petitions/{id} lists them in allowedActions. */
export const PETITION_ACTIONS = { withdraw: 'withdraw', addInformation: 'add-information' } as const

/** Reasons for a withdrawal, in the order the form offers them (OTHER needs a text). */
export const WITHDRAWAL_REASONS: readonly WithdrawalReason[] = ['RESOLVED', 'FILED_BY_MISTAKE', 'DUPLICATE', 'OTHER']

/** Limits of the withdrawal's reason and of an addition's text (petition-service). */
export const WITHDRAWAL_REASON_MAX = 500
export const ADDITION_MIN = 5
export const ADDITION_MAX = 2000

export interface WithdrawalForm { reasonCode: WithdrawalReason | ''; reason: string }

/**
 * What is wrong with a withdrawal before it is sent, as message keys by field: a reason code must be
 * chosen, and OTHER needs a text (the service refuses it too; the form says so without asking).
 */
export function withdrawalProblems(f: WithdrawalForm): Record<string, string> {
  const out: Record<string, string> = {}
  if (!f.reasonCode) {
    out.reasonCode = 'withdraw.chooseReason'
  } else if (f.reasonCode === 'OTHER' && !f.reason.trim()) {
    out.reason = 'withdraw.explainOther'
  }
  if (f.reason.trim().length > WITHDRAWAL_REASON_MAX) {
    out.reason = 'withdraw.reasonTooLong'
  }
  return out
}

/** The body of POST /petitions/{id}/withdrawal: the reason text only when there is one. */
export function toWithdrawal(f: WithdrawalForm): { reasonCode: WithdrawalReason; reason?: string } {
  const reason = f.reason.trim()
  return { reasonCode: f.reasonCode as WithdrawalReason, ...(reason ? { reason } : {}) }
}

/** POST /api/v1/petitions/{id}/withdrawal: the petitioner withdraws a request no unit has signed for. */
export function withdrawPetition(id: string, body: ReturnType<typeof toWithdrawal>): Promise<Withdrawal> {
  return api.post<Withdrawal>(`/api/v1/petitions/${encodeURIComponent(id)}/withdrawal`, body)
}

/** POST /api/v1/petitions/{id}/additions with the submission's Idempotency-Key: a double tap adds once. */
export function addInformation(id: string, text: string, idempotencyKey: string): Promise<Addition> {
  return api.post<Addition>(`/api/v1/petitions/${encodeURIComponent(id)}/additions`, { text },
    { headers: { 'Idempotency-Key': idempotencyKey } })
}

export function getPetition(id: string): Promise<Petition> {
  return api.get<Petition>(`/api/v1/petitions/${encodeURIComponent(id)}`)
}

/**
 * Reads something again until it is as expected: at once, then `intervalMs` apart, `tries` times in
 * all, stopping early when `stop()` says so (the screen was left). The last value read, or null when
 * every read failed.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean,
                                   { tries = 5, intervalMs = 1000, stop = () => false }: { tries?: number; intervalMs?: number; stop?: () => boolean } = {}): Promise<T | null> {
  let last: T | null = null
  for (let i = 0; i < tries && !stop(); i++) {
    if (i > 0) {
      await new Promise(r => setTimeout(r, intervalMs))
      if (stop()) {
        break
      }
    }
    try {
      last = await read()
      if (done(last)) {
        break
      }
    } catch {
      // the next read may succeed; the screen keeps what it shows
    }
  }
  return last
}

/**
 * How a request ended without an answer, from its timeline entry's codes: withdrawn by the petitioner
 * (the reason code), refused by the centre as out of remit (不予受理: the reason code and the legal route to
 * take instead) or handed off (the target: 110, 119, 120, 122, or a utility's hotline named in `route`).
 * `text` is the free text of the note: the API wraps it in English ("Withdrawn by the petitioner (CODE): ",
 * "Not accepted (不予受理, CODE); where to turn instead: ROUTE. ", "Handed to NAME: "), which is taken off
 * when it is there, so the reader sees their own language around the text as written.
 */
export interface Closure {
  status: 'WITHDRAWN' | 'REJECTED' | 'HANDED_OFF'; code: string; route: string | null; text: string
}

// 不予受理, as petition-service writes it inside its English note (escaped: no screen source holds Chinese text)
const BU_YU_SHOU_LI = '\u4e0d\u4e88\u53d7\u7406'

export const CLOSING_STATUSES = ['WITHDRAWN', 'REJECTED', 'HANDED_OFF'] as const

/** The free text of a note after the API's English prefix, or the whole note when it does not start so. */
function after(note: string, prefix: string, separator: string): string {
  if (note === prefix) {
    return ''
  }
  return note.startsWith(prefix + separator) ? note.slice(prefix.length + separator.length).trim() : note
}

export function closureOf(e: TimelineEntry): Closure | null {
  const note = (e.note ?? '').trim()
  if (e.kind === 'ADDITION' || !(CLOSING_STATUSES as readonly string[]).includes(e.status)) {
    return null
  }
  const status = e.status as Closure['status']
  if (!e.reasonCode) {
    // an entry written before the codes were recorded: a withdrawal's code is still in its note
    const w = status === 'WITHDRAWN' ? parseWithdrawal(note) : null
    return w ? { status, code: w.code, route: null, text: w.text } : null
  }
  const route = e.route ?? null
  switch (status) {
    case 'WITHDRAWN':
      return { status, code: e.reasonCode, route, text: after(note, `Withdrawn by the petitioner (${e.reasonCode})`, ':') }
    case 'REJECTED':
      return { status, code: e.reasonCode, route,
        text: after(note, `Not accepted (${BU_YU_SHOU_LI}, ${e.reasonCode}); where to turn instead: ${route ?? ''}`, '.') }
    case 'HANDED_OFF':
      return { status, code: e.reasonCode, route, text: after(note, `Handed to ${route ?? e.reasonCode}`, ':') }
  }
}

/** The last closing step of a timeline (the request's end), or null while it is open. */
export function lastClosure(entries: TimelineEntry[] | undefined): Closure | null {
  for (const e of [...(entries ?? [])].reverse()) {
    const c = closureOf(e)
    if (c) {
      return c
    }
  }
  return null
}

/**
 * A withdrawal as the API writes it in English: the timeline's note "Withdrawn by the petitioner
 * (DUPLICATE): text" or the case history's reason "DUPLICATE: text". The code and the text, or null
 * when the note is something else (then it is shown as it is).
 */
export function parseWithdrawal(note: string | undefined | null): { code: string; text: string } | null {
  if (!note) {
    return null
  }
  const m = /^(?:Withdrawn by the petitioner \(([A-Z_]+)\)|([A-Z_]+))(?::\s*([\s\S]*))?$/.exec(note.trim())
  return m ? { code: m[1] ?? m[2], text: (m[3] ?? '').trim() } : null
}
