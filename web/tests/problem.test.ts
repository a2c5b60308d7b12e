import { describe, expect, it } from 'vitest'
import { fieldErrors } from '../src/api/problem'
import { PETITION_FIELD_ALIASES, PETITION_FORM_FIELDS, toNewPetition } from '../src/api/petitions'
import { emptyDraft } from '../src/stores/drafts'

describe('problem+json field errors', () => {
  const validation = {
    type: 'urn:minhu:problem:validation', title: 'Invalid request', status: 400,
    detail: 'Invalid value for: contact.phone, title',
    errors: [
      { field: 'contact.phone', reason: 'must be a mainland mobile number (11 digits) or a landline such as 023-12345678' },
      { field: 'title', reason: 'is required' },
      { field: 'title', reason: 'must be a single line' },
      { field: 'townCode', reason: 'unknown town or street: X' },
      { field: 'channel', reason: 'is required' },
    ],
  }

  it('puts each API field path on the form field it belongs to', () => {
    const errors = fieldErrors(validation, PETITION_FIELD_ALIASES, PETITION_FORM_FIELDS)
    expect(errors.contactPhone).toContain('mainland mobile number')
    expect(errors.place).toBe('unknown town or street: X')
    expect(errors['contact.phone']).toBeUndefined()
  })

  it('joins several reasons of one field', () => {
    expect(fieldErrors(validation).title).toBe('is required; must be a single line')
  })

  it('keeps errors the form has no field for under the empty key, for the form-level message', () => {
    expect(fieldErrors(validation, PETITION_FIELD_ALIASES, PETITION_FORM_FIELDS)['']).toBe('is required')
  })

  it('gives nothing for a problem without errors, or no problem', () => {
    expect(fieldErrors({ status: 409, detail: 'in flight' })).toEqual({})
    expect(fieldErrors(null)).toEqual({})
  })

  it('builds the NewPetition body the API documents from a draft', () => {
    const d = { ...emptyDraft(), title: ' 停水 ', description: '没有通知', categoryCode: 'water', place: ['500103', '500103-JIEFANGBEI'],
      contactName: '王小明', contactPhone: '138 1234 1234' }
    expect(toNewPetition(d)).toEqual({
      title: '停水', description: '没有通知', categoryCode: 'water', regionCode: '500103', townCode: '500103-JIEFANGBEI',
      channel: 'web', contact: { name: '王小明', phone: '13812341234' },
    })
    expect(toNewPetition({ ...d, place: ['500103'], address: '解放碑' })).toMatchObject({ location: { address: '解放碑' } })
    expect(toNewPetition({ ...d, place: ['500103'] })).not.toHaveProperty('townCode')
  })
})
