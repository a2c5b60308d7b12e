/** RFC 9457 problem details as Minhu's services and gateway answer them (urn:minhu:problem:*). */
export interface FieldError {
  field: string
  reason: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  instance?: string
  errors?: FieldError[]
  allowedActions?: string[]
  /** Not from the body: a 503's Retry-After header in seconds, where the caller reads it (uploads). */
  retryAfter?: number
}

/** A failed call: the problem the server answered, or one made up for a network failure. */
export class ApiError extends Error {
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`)
    this.problem = problem
  }
  get status(): number {
    return this.problem.status
  }
  /** The last segment of the problem type: validation, conflict, unauthenticated, ... */
  get kind(): string {
    const t = this.problem.type ?? ''
    return t.startsWith('urn:minhu:problem:') ? t.substring('urn:minhu:problem:'.length) : t
  }
}

/**
 * The problem's field errors, keyed by the form's own field names. `aliases` maps the API's
 * field paths (contact.phone, categoryCode) to the form's (contactPhone, categoryCode); a path
 * with no alias keeps its name. Several errors on one field are joined. Errors the form has no
 * field for are returned under '' so the form can show them above itself.
 */
export function fieldErrors(problem: Problem | null | undefined, aliases: Record<string, string> = {},
                            formFields?: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of problem?.errors ?? []) {
    if (!e || typeof e.field !== 'string') {
      continue
    }
    const path = e.field.replace(/^(body|arg\d+|[a-z]+\.arg\d+)\./, '')
    let key = aliases[path] ?? path
    if (formFields && !formFields.includes(key)) {
      key = ''
    }
    const reason = e.reason ?? ''
    out[key] = out[key] ? `${out[key]}; ${reason}` : reason
  }
  return out
}
