import { api } from './client'

/**
 * 答复模板 (assignment-service's `replies` package): a unit's reply templates, kept by its own staff (and
 * administrators); another unit's staff get 404. A template is filled for a case by GET
 * /cases/{id}/reply-draft (cases.ts), and the clerk edits the draft before answering.
 */
export interface ReplyTemplate {
  id: string
  unitId: string
  /** The category it is meant for; absent: any category. */
  categoryCode?: string | null
  title: string
  body: string
  createdBy?: string
  createdAt?: string
  updatedBy?: string
  updatedAt?: string
}

/** NewReplyTemplate, as the form holds it: '' for "any category". */
export interface TemplateDraft { categoryCode: string; title: string; body: string }

/** The variables a body may hold (TemplateVariables.KNOWN); any other {{…}} is a 400 naming `body`. */
export const TEMPLATE_VARIABLES = ['trackingNumber', 'unitName', 'filedDate', 'title'] as const
export const TEMPLATE_TITLE_MAX = 100
export const TEMPLATE_BODY_MAX = 4000
/** The form's fields: a problem's error naming any other lands above the form. */
export const TEMPLATE_FORM_FIELDS = ['categoryCode', 'title', 'body'] as const

export function emptyTemplateDraft(): TemplateDraft {
  return { categoryCode: '', title: '', body: '' }
}

export function draftOf(t: ReplyTemplate): TemplateDraft {
  return { categoryCode: t.categoryCode ?? '', title: t.title, body: t.body }
}

/** The request body: the title trimmed, no categoryCode for "any category". */
export function toTemplateRequest(d: TemplateDraft): { categoryCode?: string; title: string; body: string } {
  return { ...(d.categoryCode ? { categoryCode: d.categoryCode } : {}), title: d.title.trim(), body: d.body }
}

function base(unitId: string): string {
  return `/api/v1/units/${encodeURIComponent(unitId)}/reply-templates`
}

/** GET …/reply-templates[?categoryCode=]: with a category, that category's templates and those for any. */
export function listTemplates(unitId: string, categoryCode?: string): Promise<ReplyTemplate[]> {
  return api.get<ReplyTemplate[]>(base(unitId), { query: { categoryCode } }).then(t => (Array.isArray(t) ? t : []))
}

export function createTemplate(unitId: string, d: TemplateDraft): Promise<ReplyTemplate> {
  return api.post<ReplyTemplate>(base(unitId), toTemplateRequest(d))
}

export function updateTemplate(unitId: string, id: string, d: TemplateDraft): Promise<ReplyTemplate> {
  return api.put<ReplyTemplate>(`${base(unitId)}/${encodeURIComponent(id)}`, toTemplateRequest(d))
}

export function deleteTemplate(unitId: string, id: string): Promise<void> {
  return api.delete<void>(`${base(unitId)}/${encodeURIComponent(id)}`)
}
