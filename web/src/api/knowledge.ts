import { api } from './client'
import type { Role } from '../stores/auth'

/**
 * 知识库 (assignment-service's `knowledge` package): questions, their answers and the policy they rest on,
 * kept by the owning unit. Staff (unit_staff, governance, admin) read every entry; the owning unit's staff and
 * administrators change one. The public search (no sign-in) gives the entries marked public and valid today.
 * Dates are China dates (YYYY-MM-DD).
 */
export interface KnowledgeEntry {
  id: string
  categoryCode: string
  unitId: string
  question: string
  answer: string
  policyBasis?: string | null
  validFrom: string
  /** The last day it holds; absent: until further notice. */
  validUntil?: string | null
  public: boolean
  reviewBy: string
  /** reviewBy has passed (China date). */
  reviewOverdue: boolean
  /** validFrom ≤ today ≤ validUntil (China date). */
  validToday: boolean
  createdBy?: string
  createdAt?: string
  updatedBy?: string
  updatedAt?: string
}

/** An entry as anyone sees it: no staff member, review date or other internal field. */
export interface PublicKnowledgeEntry {
  id: string
  categoryCode: string
  unitId: string
  unitName?: string | null
  question: string
  answer: string
  policyBasis?: string | null
  validFrom: string
  validUntil?: string | null
}

export interface KnowledgePage<T> { items: T[]; limit: number; offset: number }

/** The staff search: q a substring of question or answer (1–100 characters), overdueReview '' for both. */
export interface KnowledgeFilter { q: string; categoryCode: string; unitId: string; overdueReview: '' | 'true' | 'false' }

export const KNOWLEDGE_PAGE = 20
export const Q_MAX = 100
export const QUESTION_MIN = 5
export const QUESTION_MAX = 500
export const ANSWER_MIN = 10
export const ANSWER_MAX = 4000
export const POLICY_MAX = 1000

/** NewKnowledgeEntry as the form holds it; dates YYYY-MM-DD, '' when not chosen. */
export interface EntryDraft {
  categoryCode: string
  unitId: string
  question: string
  answer: string
  policyBasis: string
  validFrom: string
  validUntil: string
  public: boolean
  reviewBy: string
}

export const ENTRY_FORM_FIELDS = ['categoryCode', 'unitId', 'question', 'answer', 'policyBasis', 'validFrom', 'validUntil', 'public',
  'reviewBy'] as const

export function emptyEntryDraft(unitId: string): EntryDraft {
  return { categoryCode: '', unitId, question: '', answer: '', policyBasis: '', validFrom: '', validUntil: '', public: false, reviewBy: '' }
}

export function entryDraftOf(e: KnowledgeEntry): EntryDraft {
  return {
    categoryCode: e.categoryCode, unitId: e.unitId, question: e.question, answer: e.answer, policyBasis: e.policyBasis ?? '',
    validFrom: e.validFrom, validUntil: e.validUntil ?? '', public: e.public, reviewBy: e.reviewBy,
  }
}

/** The request body: texts trimmed, no policyBasis or validUntil when blank (the API validates the rest). */
export function toEntryRequest(d: EntryDraft): Record<string, string | boolean | null> {
  const policy = d.policyBasis.trim()
  return {
    categoryCode: d.categoryCode,
    unitId: d.unitId,
    question: d.question.trim(),
    answer: d.answer.trim(),
    ...(policy ? { policyBasis: policy } : {}),
    validFrom: d.validFrom || null,
    ...(d.validUntil ? { validUntil: d.validUntil } : {}),
    public: d.public,
    reviewBy: d.reviewBy || null,
  }
}

/** Whether the signed-in person may change an entry: an administrator, or staff of the unit that owns it (the API's rule). */
export function mayChangeEntry(e: Pick<KnowledgeEntry, 'unitId'>, session: { role: Role; unitId: string | null } | null): boolean {
  return !!session && (session.role === 'admin' || (!!session.unitId && session.unitId === e.unitId))
}

/** The query of GET /api/v1/knowledge: only the filters set, q trimmed. */
export function knowledgeQuery(f: KnowledgeFilter, offset: number, limit = KNOWLEDGE_PAGE): Record<string, string | number | undefined> {
  return {
    q: f.q.trim() || undefined,
    categoryCode: f.categoryCode || undefined,
    unitId: f.unitId || undefined,
    overdueReview: f.overdueReview || undefined,
    limit,
    offset,
  }
}

export function searchKnowledge(f: KnowledgeFilter, offset = 0, limit = KNOWLEDGE_PAGE): Promise<KnowledgePage<KnowledgeEntry>> {
  return api.get<KnowledgePage<KnowledgeEntry>>('/api/v1/knowledge', { query: knowledgeQuery(f, offset, limit) })
}

export function createEntry(d: EntryDraft): Promise<KnowledgeEntry> {
  return api.post<KnowledgeEntry>('/api/v1/knowledge', toEntryRequest(d))
}

export function updateEntry(id: string, d: EntryDraft): Promise<KnowledgeEntry> {
  return api.put<KnowledgeEntry>(`/api/v1/knowledge/${encodeURIComponent(id)}`, toEntryRequest(d))
}

export function deleteEntry(id: string): Promise<void> {
  return api.delete<void>(`/api/v1/knowledge/${encodeURIComponent(id)}`)
}

/** GET /api/v1/knowledge/public without a token: the public entries valid today. */
export function searchPublicKnowledge(q: string, categoryCode: string, offset = 0, limit = KNOWLEDGE_PAGE)
  : Promise<KnowledgePage<PublicKnowledgeEntry>> {
  return api.get<KnowledgePage<PublicKnowledgeEntry>>('/api/v1/knowledge/public', {
    query: { q: q.trim() || undefined, categoryCode: categoryCode || undefined, limit, offset },
    auth: false,
  })
}
