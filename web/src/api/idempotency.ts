/**
 * One Idempotency-Key per submission: the same key for every send of the same body until the
 * server has answered it (a double tap, or a retry after a lost answer, files once), a new key
 * once it has succeeded or when the body changes (the server refuses a key reused with another
 * body, 422).
 */
export class SubmissionKey {
  private key: string | null = null
  private body: string | null = null

  constructor(private readonly newKey: () => string = uuid) {
  }

  /** The key for sending `body` now. */
  for(body: unknown): string {
    const json = JSON.stringify(body)
    if (this.key === null || this.body !== json) {
      this.key = this.newKey()
      this.body = json
    }
    return this.key
  }

  /** The submission was accepted: the next one is a new request. */
  done(): void {
    this.key = null
    this.body = null
  }
}

/** A random (version 4) UUID; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID()
  }
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
