import { describe, expect, it } from 'vitest'
import { SubmissionKey, uuid } from '../src/api/idempotency'

describe('one Idempotency-Key per submission', () => {
  it('sends the same key again for the same body until it is accepted (a double tap or a retry files once)', () => {
    const key = new SubmissionKey()
    const first = key.for({ title: 'a' })
    expect(key.for({ title: 'a' })).toBe(first)
    key.done()
    expect(key.for({ title: 'a' })).not.toBe(first)
  })

  it('takes a new key when the body changes (the server refuses a key reused with another body)', () => {
    const key = new SubmissionKey()
    const first = key.for({ title: 'a' })
    expect(key.for({ title: 'b' })).not.toBe(first)
  })

  it('makes version 4 UUIDs, also where crypto.randomUUID is missing (plain http on a LAN address)', () => {
    const original = crypto.randomUUID
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true })
      const ids = new Set(Array.from({ length: 50 }, () => uuid()))
      expect(ids.size).toBe(50)
      for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      }
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true })
    }
  })
})
