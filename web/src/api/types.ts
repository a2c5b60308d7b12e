/** The shapes of the public API this front-end reads (see the merged OpenAPI at /q/openapi). */
export interface LocalizedName { zh: string; en: string }
export interface Ref { code: string; name: LocalizedName }

export interface Category {
  code: string
  name: LocalizedName
  group: string
  groupName: LocalizedName
  handling: string
  keywords: string[]
  /** Whether the petitioner may hide their name from the handling unit (contact.hideName). */
  nameHideable?: boolean
}

export interface Region {
  code: string
  name: LocalizedName
  level: 'DISTRICT' | 'TOWN'
  kind: string
  parent?: string
  officialCode: boolean
}

/**
 * One entry of a request's timeline: a status change (kind STATUS, or no kind from an older service), or
 * information the petitioner added (kind ADDITION: actorType CITIZEN, note the text added, status the
 * request's status at the time, unchanged). A closing step carries its codes: on WITHDRAWN the withdrawal's
 * reasonCode; on REJECTED (不予受理) the refusal's reasonCode and the legal route to take instead; on
 * HANDED_OFF the target (reasonCode) and, for a utility, its hotline's name (route).
 */
export interface TimelineEntry {
  status: string; at: string; actorType?: string; actorName?: string; note?: string; kind?: 'STATUS' | 'ADDITION' | string
  reasonCode?: string | null; route?: string | null
  /** On an ADDITION entry: the addition's id (what its files are attached to) and its files. */
  additionId?: string; attachments?: Attachment[]
}

export interface Petition {
  id: string
  trackingNumber: string
  status: string
  title: string
  description?: string
  category?: Ref
  region?: Ref
  town?: Ref
  location?: { latitude?: number; longitude?: number; address?: string }
  channel?: string
  /** name is absent when the petitioner hid it from the caller (nameHidden); their centre still sees it. */
  contact?: { name?: string; phone: string; nameHidden?: boolean }
  submittedAt: string
  updatedAt?: string
  handlingUnit?: LocalizedName
  answerDeadline?: string
  reply?: string
  answeredAt?: string
  ratingOpenUntil?: string
  timeline?: TimelineEntry[]
  /** What the caller may do to the request now ("withdraw", "add-information"); the petitioner's alone, [] for others. */
  allowedActions?: string[]
  /** Photos and PDFs (附件), oldest first, for readers allowed to see them; auditors get them without the content. */
  attachments?: Attachment[]
  /** The units' evidence (办结材料), each with the uploading unit's names; oldest first. */
  evidence?: Attachment[]
}

/** A photo or PDF attached to a request (GET /petitions/{id}/attachments, and the request's view). */
export interface Attachment {
  id: string
  filename: string
  /** Sniffed from the bytes: image/jpeg, image/png or application/pdf. */
  contentType: string
  size: number
  sha256?: string
  createdAt?: string
  /** The download path (same rules as the request); fetched with the token. */
  url: string
  /** A 320 px JPEG; images only. */
  thumbnailUrl?: string
  /** PETITION (the request's own), ADDITION (an addition's, with its additionId) or EVIDENCE (a unit's, with uploaderUnit). */
  kind?: AttachmentKind | string
  additionId?: string
  uploaderUnit?: LocalizedName
}

export type AttachmentKind = 'PETITION' | 'ADDITION' | 'EVIDENCE'

/** Why a petitioner withdraws a request (POST /petitions/{id}/withdrawal). */
export type WithdrawalReason = 'RESOLVED' | 'FILED_BY_MISTAKE' | 'DUPLICATE' | 'OTHER'

/** The answer of POST /api/v1/petitions/{id}/withdrawal (the same again when repeated). */
export interface Withdrawal {
  petitionId: string; caseId: string; status: 'WITHDRAWN'; withdrawnAt: string; reasonCode: WithdrawalReason; reason?: string
}

/** The answer of POST /api/v1/petitions/{id}/additions: information the petitioner added. */
export interface Addition { id: string; petitionId: string; text: string; addedAt: string }

/** GET /api/v1/track/{trackingNumber}: where a request stands, without personal data. */
export type TrackedRequest = Pick<Petition, 'trackingNumber' | 'status' | 'category' | 'region' | 'town' | 'submittedAt'
  | 'updatedAt' | 'handlingUnit' | 'answerDeadline' | 'reply' | 'answeredAt' | 'timeline'>

export interface PetitionPage { items: Petition[]; limit: number; nextCursor?: string }

export interface Rating {
  round: number
  satisfaction: string
  solved: string
  comment?: string
  ratedAt?: string
  reopensCase: boolean
}

export interface AnswerRound {
  round: number
  unitId: string
  answeredAt: string
  windowClosesAt: string
  status: 'OPEN' | 'RATED' | 'NOT_RATED'
  rating?: Rating
  /** When the petitioner accepted a call-back (回访) for this round, if they did. */
  callBackAcceptedAt?: string
  reopened: boolean
}

export interface PetitionFeedback { petitionId: string; openRound?: number; rounds: AnswerRound[] }

export interface CaseHistoryEntry {
  action: string; fromStatus?: string; toStatus?: string; unitId?: string; actor?: string; reason?: string; at: string
}

export interface Case {
  id: string
  petitionId: string
  trackingNumber: string
  title: string
  categoryCode: string
  handling: string
  regionCode: string
  townCode?: string
  status: string
  leadUnitId: string
  coUnitIds?: string[]
  signDeadline?: string
  returnDeadline?: string
  answerDeadline: string
  overdue: boolean
  signedAt?: string
  answeredAt?: string
  reply?: string
  returnCount: number
  flagged: boolean
  flagReason?: string
  finalRuling: boolean
  extensionStatus?: string
  extensionDays?: number
  extensionReason?: string
  reopenCount: number
  /** 承办人: the subject of the lead unit's staff member in charge; internal, absent when nobody is. */
  officerId?: string | null
  allowedActions: string[]
  history?: CaseHistoryEntry[]
}

/** 内部备注 (GET/POST /api/v1/cases/{id}/notes): for the units handling the case and the centre, never the petitioner. */
export interface CaseNote {
  id: number
  caseId: string
  text: string
  /** The author's subject (the token's sub). */
  authorSubject: string
  /** The unit the author acted for. */
  authorUnitId: string
  createdAt: string
}

/** GET /api/v1/cases/{id}/reply-draft: a reply template filled for the case, to edit and send as the answer. */
export interface ReplyDraft { caseId: string; templateId: string; reply: string }

export interface CasePage { items: Case[]; limit: number; offset: number }

export interface Unit {
  id: string; nameZh: string; nameEn: string; level: string; kind: string; department?: string
  regionCode?: string; parentId?: string; active: boolean
}

export interface SatisfactionCounts {
  satisfied: number; basicallySatisfied: number; unsatisfied: number; rated: number; notRated: number
  satisfactionRate: number | null; solved: number; partlySolved: number; notSolved: number
  resolutionRate: number | null; reReviewed: number; closedAfterReReview: number
}
export interface HandlingCounts {
  dispatched: number; assignments: number; signed: number; signedWithinLimit: number; responseRate: number | null
  returned: number; returnRate: number | null; answered: number; answeredOnTime: number; onTimeAnswerRate: number | null
  hops: number; averageHops: number | null; extended: number; reminded: number; escalated: number; overdue: number
  reopened: number; reReviewed: number; closedAfterReReview: number
  /** Ended without an answer: withdrawn by the petitioner, refused (不予受理), handed off to 110 etc. or a utility. */
  withdrawn: number; refused: number; handedOff: number
  /** Of those three, closed while waiting for the unit to sign: left out of the response and return rates (version 2). */
  closedBeforeSigning: number
}
export interface HandlingStats {
  window: Record<string, unknown>
  groupBy?: string
  formulas: Formula[]
  total: HandlingCounts
  groups?: (HandlingCounts & { key: string })[]
}
export interface Formula { id: string; version: number; expression: string; dateBasis: string }
export interface SatisfactionStats {
  window: Record<string, unknown>
  groupBy?: string
  formulas: Formula[]
  total: SatisfactionCounts
  groups?: (SatisfactionCounts & { key: string })[]
}

export interface RoutingRule {
  id: number; categoryCode: string; regionCode: string; version: number; leadUnitId: string; coUnitIds?: string[]
  effectiveFrom: string; createdAt?: string; createdBy?: string
}
export interface RoutingDecision {
  leadUnitId: string; leadUnitNameZh?: string; leadUnitNameEn?: string; coUnitIds?: string[]
  ruleId?: number; ruleVersion?: number; fallback: boolean
}

export interface Open311Client {
  id: string; name: string; createdAt: string; createdBy?: string; revokedAt?: string | null
  /** Only in the answer that registers the client: shown once, never stored. */
  apiKey?: string | null
}
