import { reactive } from 'vue'
import { SubmissionKey } from '../api/idempotency'

/**
 * Half-written requests, kept in memory across a sign-in: when a token expires while a citizen
 * writes, the 401 sends them to sign in and the form comes back as they left it. Not persisted:
 * a draft may hold a phone number and an address.
 */
export interface PetitionDraft {
  title: string
  description: string
  categoryCode: string
  /** [regionCode] or [regionCode, townCode] as the cascader holds it */
  place: string[]
  address: string
  contactName: string
  contactPhone: string
  /** Hide the name from the handling unit (contact.hideName), where the category allows it. */
  hideName: boolean
}

export function emptyDraft(): PetitionDraft {
  return { title: '', description: '', categoryCode: '', place: [], address: '', contactName: '', contactPhone: '', hideName: false }
}

export const petitionDraft = reactive<PetitionDraft>(emptyDraft())

/** Replies, reasons and ratings being written, keyed by what they belong to (a case id, a petition id). */
export const textDrafts = reactive<Record<string, string>>({})

export function clearPetitionDraft(): void {
  Object.assign(petitionDraft, emptyDraft())
}

/** The Idempotency-Key of the request being filed: kept with the draft, so a retry after signing in again files once. */
export const petitionSubmission = new SubmissionKey()

/**
 * Idempotency-Keys of other submissions being written (an addition to a request: `addition:<petitionId>`),
 * kept with their text in textDrafts, so a resend after signing in again is applied once.
 */
const submissions = new Map<string, SubmissionKey>()

export function submissionFor(name: string): SubmissionKey {
  let key = submissions.get(name)
  if (!key) {
    key = new SubmissionKey()
    submissions.set(name, key)
  }
  return key
}

/** Whose drafts these are (the token's subject), so that they go back to that person only (src/session.ts). */
export const draftsOwner: { sub: string | null } = { sub: null }

/** Drops every draft: the request being filed (and its Idempotency-Key), replies, reasons and additions (and theirs). */
export function clearAllDrafts(): void {
  clearPetitionDraft()
  petitionSubmission.done()
  submissions.clear()
  for (const k of Object.keys(textDrafts)) {
    delete textDrafts[k]
  }
}
