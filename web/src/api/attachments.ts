import { auth } from '../stores/auth'
import { download, failureOf, parseJson } from './client'
import { ApiError } from './problem'
import type { Attachment, AttachmentKind } from './types'

/**
 * Photos and PDFs on a request (附件): POST /api/v1/petitions/{id}/attachments (multipart, field `file`, the
 * petitioner until the request is answered), their metadata in the request's view (`attachments`), their
 * bytes and thumbnails fetched with the bearer token as Blobs (tokens live in memory: an <img src> could not
 * carry it, and a token in a URL would end up in logs and histories).
 */

/** What petition-service accepts (it sniffs the bytes; these checks only spare the citizen a useless upload). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.join(',')
export const PHOTO_ACCEPT = 'image/jpeg,image/png'
export const MAX_ATTACHMENTS = 5
/** Files on one addition (补充诉求), and the units' evidence per request (petition-service's limits). */
export const MAX_ADDITION_ATTACHMENTS = 3
export const MAX_EVIDENCE = 5
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

const BY_EXTENSION: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }

/** The file's type as the browser says it, or from its name when the browser says nothing (some phones). */
export function typeOf(file: { name: string; type: string }): string {
  if (file.type) {
    return file.type.toLowerCase()
  }
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? ''
  return BY_EXTENSION[ext] ?? ''
}

/** Why a file would be refused, as a message key (attachments.*), or null when it may be sent. */
export function fileProblem(file: { name: string; type: string; size: number }): 'attachments.wrongType' | 'attachments.tooLarge' | 'attachments.empty' | null {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(typeOf(file))) {
    return 'attachments.wrongType'
  }
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return 'attachments.tooLarge'
  }
  if (file.size === 0) {
    return 'attachments.empty'
  }
  return null
}

/** The request's evidence grouped by the unit that uploaded it (by its Chinese name, the API's stable one), in order. */
export function evidenceByUnit(evidence: Attachment[] | undefined): { unit: Attachment['uploaderUnit']; files: Attachment[] }[] {
  const groups: { unit: Attachment['uploaderUnit']; files: Attachment[] }[] = []
  for (const a of evidence ?? []) {
    const key = a.uploaderUnit?.zh ?? ''
    const g = groups.find(x => (x.unit?.zh ?? '') === key)
    if (g) {
      g.files.push(a)
    } else {
      groups.push({ unit: a.uploaderUnit, files: [a] })
    }
  }
  return groups
}

export function isImage(a: Pick<Attachment, 'contentType'>): boolean {
  return a.contentType === 'image/jpeg' || a.contentType === 'image/png'
}

/**
 * A download URL of the API as a same-origin path, or null for anything else: the token is sent only to
 * the gateway that issued it, never to a host a URL in an answer happens to name.
 */
export function apiPath(url: string | undefined | null): string | null {
  if (!url) {
    return null
  }
  try {
    const u = new URL(url, window.location.origin)
    return u.origin === window.location.origin && u.pathname.startsWith('/api/') ? u.pathname + u.search : null
  } catch {
    return null
  }
}

/** An attachment's bytes (or its thumbnail's) with the token, as a Blob. */
export async function fetchAttachment(url: string, accept: string): Promise<Blob> {
  const path = apiPath(url)
  if (!path) {
    throw new ApiError({ status: 0, type: 'urn:minhu:web:foreign-url', title: 'Not an API address', detail: String(url) })
  }
  return (await download(path, accept)).blob
}

/**
 * POST /api/v1/petitions/{id}/attachments through XMLHttpRequest (fetch reports no upload progress), with
 * the token. `onProgress` gets 0 to 100. Failures are ApiErrors with the service's problem+json; a 503
 * carries its Retry-After (seconds) as `problem.retryAfter`. `target` names what the file belongs to: an
 * addition (`additionId`, kind ADDITION) or the unit's evidence (kind EVIDENCE); neither: the request itself.
 */
export interface UploadTarget { kind?: AttachmentKind; additionId?: string }

export function uploadAttachment(petitionId: string, file: File, onProgress: (percent: number) => void = () => {},
  target: UploadTarget = {}): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/v1/petitions/${encodeURIComponent(petitionId)}/attachments`)
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    const token = auth.token()
    if (token) {
      xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    }
    xhr.upload.onprogress = e => {
      if (e.lengthComputable && e.total > 0) {
        onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)))
      }
    }
    xhr.onload = () => {
      const text = typeof xhr.responseText === 'string' ? xhr.responseText : ''
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100)
        resolve(parseJson(text) as Attachment)
        return
      }
      const error = failureOf(xhr.status, xhr.statusText, text)
      const retryAfter = Number(xhr.getResponseHeader('Retry-After'))
      if (Number.isFinite(retryAfter) && retryAfter > 0) {
        error.problem.retryAfter = retryAfter
      }
      reject(error)
    }
    xhr.onerror = () => reject(new ApiError({ type: 'urn:minhu:web:network', status: 0, title: 'Network error' }))
    xhr.onabort = xhr.onerror
    const form = new FormData()
    form.append('file', file, file.name)
    if (target.kind) {
      form.append('kind', target.kind)
    }
    if (target.additionId) {
      form.append('additionId', target.additionId)
    }
    xhr.send(form)
  })
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/**
 * What to tell the citizen about a refused upload: the service's own detail for a wrong type (415), a file
 * too large (413), too many files or a request already answered (409), and a store that is away (503, with
 * when to try again); otherwise the usual words for the status.
 */
export function uploadProblem(e: unknown, t: Translate, fallback: (e: unknown) => string): string {
  if (!(e instanceof ApiError)) {
    return fallback(e)
  }
  const p = e.problem
  const detail = p.errors?.find(x => x?.field === 'file')?.reason || p.detail || p.title || ''
  switch (e.status) {
    case 413: return t('attachments.serverTooLarge', { detail })
    case 415: return t('attachments.serverWrongType', { detail })
    case 409: return t('attachments.serverConflict', { detail })
    case 503: return p.retryAfter
      ? t('attachments.storeDownRetry', { detail, seconds: p.retryAfter })
      : t('attachments.storeDown', { detail })
    case 400: return detail ? t('attachments.serverRefused', { detail }) : fallback(e)
    default: return fallback(e)
  }
}
