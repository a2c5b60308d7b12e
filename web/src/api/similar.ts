import { api } from './client'
import type { Ref } from './types'
import type { PetitionDraft } from '../stores/drafts'

/**
 * 重复诉求提示 and 附议 (petition-service's `similar` package): another open request that looks like the one
 * being written, or one the citizen supports. Masked by the API: no description, contact, address or
 * petitioner, and the title with personal data starred out.
 */
export interface SimilarRequest {
  id: string
  trackingNumber: string
  title: string
  status: string
  /** The day it was filed, China time (YYYY-MM-DD). */
  filedAt?: string
  region?: Ref
  town?: Ref
  /** Only when both sides have coordinates (the filing form sends none today), rounded up to 100 m. */
  distanceMeters?: number
  /** 0 to 1; absent in the list of supported requests. */
  similarity?: number
  supporters: number
  /** The caller supports it already. */
  supporting: boolean
  /** The caller filed it: they follow it, they cannot support it (422). */
  yours: boolean
}

export interface SimilarList { items: SimilarRequest[] }
export interface SupportedPage { items: SimilarRequest[]; limit: number; nextCursor?: string }
export interface SupportView { petitionId: string; supporters: number; supporting: boolean }

/**
 * Statuses in which a request has ended: the API lists it among the supported ones still, but answers 409 to a
 * withdrawal of the support (and to a new one), so no button is offered.
 */
export const ENDED_STATUSES: readonly string[] = ['RATED', 'CLOSED', 'WITHDRAWN', 'REJECTED', 'HANDED_OFF']

export interface SimilarQuery {
  categoryCode: string
  regionCode: string
  townCode?: string
  title: string
  description?: string
}

/** The title must say this much (trimmed) before the form asks for similar requests. */
export const SIMILAR_MIN_TITLE = 4
/** The API's limits on the query's texts: a URL must stay under the gateway's request line. */
export const SIMILAR_MAX_TITLE = 200
export const SIMILAR_MAX_DESCRIPTION = 200
/** How long the form waits after the last keystroke before asking. */
export const SIMILAR_DEBOUNCE_MS = 600

/**
 * Control characters (line breaks, tabs) as spaces, runs of spaces as one, trimmed, then at most `max`
 * UTF-16 units (the API counts Java chars) without splitting a surrogate pair.
 */
export function queryText(text: string, max: number): string {
  let s = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim()
  if (s.length > max) {
    s = s.slice(0, max)
    if (/[\ud800-\udbff]$/.test(s)) {
      s = s.slice(0, -1)
    }
    s = s.trimEnd()
  }
  return s
}

/**
 * What to ask `similar` for while the draft is written, or null while there is not enough to compare:
 * a category, a district (the town when chosen) and a title of at least SIMILAR_MIN_TITLE characters.
 * The description's beginning goes along (line breaks as spaces: the API refuses control characters).
 */
export function similarQuery(d: PetitionDraft): SimilarQuery | null {
  const title = queryText(d.title, SIMILAR_MAX_TITLE)
  const regionCode = d.place[0] ?? ''
  if (!d.categoryCode || !regionCode || [...title].length < SIMILAR_MIN_TITLE) {
    return null
  }
  const description = queryText(d.description, SIMILAR_MAX_DESCRIPTION)
  return {
    categoryCode: d.categoryCode,
    regionCode,
    ...(d.place[1] ? { townCode: d.place[1] } : {}),
    title,
    ...(description ? { description } : {}),
  }
}

/**
 * GET /api/v1/petitions/similar. Asked without the user pressing anything, so a 401 is not reported as an
 * expired session (filing will handle that); the answer's items, or none when it has another shape.
 */
export async function findSimilar(q: SimilarQuery): Promise<SimilarRequest[]> {
  const answer = await api.get<SimilarList>('/api/v1/petitions/similar', { query: { ...q }, reportUnauthorized: false })
  return Array.isArray(answer?.items) ? answer.items : []
}

/** POST /api/v1/petitions/{id}/supporters: 附议, 201 the first time and 200 with the same count after. */
export function supportPetition(id: string): Promise<SupportView> {
  return api.post<SupportView>(`/api/v1/petitions/${encodeURIComponent(id)}/supporters`)
}

/** DELETE /api/v1/petitions/{id}/supporters: 撤回附议, while the request is open (409 after). */
export function withdrawSupport(id: string): Promise<SupportView> {
  return api.delete<SupportView>(`/api/v1/petitions/${encodeURIComponent(id)}/supporters`)
}

/** GET /api/v1/petitions?supporting=true: the requests the citizen supports, latest support first. */
export function supportedRequests(cursor?: string, limit = 20): Promise<SupportedPage> {
  return api.get<SupportedPage>('/api/v1/petitions', { query: { supporting: true, limit, cursor } })
}
