import { describe, expect, it } from 'vitest'
import { CASE_ACTIONS, deadlineBadge, mayTakeCase, noteLength, offeredActions } from '../src/api/cases'

describe('case actions and deadline badges', () => {
  const now = Date.parse('2026-12-02T10:00:00+08:00')

  it('offers exactly the allowedActions the API lists, in its order, and nothing it does not know', () => {
    expect(offeredActions({ allowedActions: ['answer', 'request-extension', 'something-new'] })).toEqual(['answer', 'request-extension'])
    expect(offeredActions({ allowedActions: [] })).toEqual([])
  })

  it('maps every action of CasePolicy to its path', () => {
    expect(Object.fromEntries(Object.entries(CASE_ACTIONS).map(([k, v]) => [k, v.path]))).toEqual({
      sign: 'sign', return: 'return', answer: 'answer', 'request-extension': 'extension',
      'decide-extension': 'extension/decision', ruling: 'ruling', transfer: 'transfer', 'add-co-handler': 'co-handlers',
      refuse: 'refusal', 'hand-off': 'hand-off',
    })
  })

  it('marks overdue cases, cases due within a day, and nothing for answered ones', () => {
    expect(deadlineBadge({ status: 'SIGNED', overdue: true, answerDeadline: '2026-12-01T18:00:00+08:00' }, now)).toBe('overdue')
    expect(deadlineBadge({ status: 'SIGNED', overdue: false, answerDeadline: '2026-12-03T09:00:00+08:00' }, now)).toBe('dueSoon')
    expect(deadlineBadge({ status: 'SIGNED', overdue: false, answerDeadline: '2026-12-04T09:00:00+08:00' }, now)).toBeNull()
    expect(deadlineBadge({ status: 'ANSWERED', overdue: false, answerDeadline: '2026-12-01T09:00:00+08:00' }, now)).toBeNull()
  })

  it('gives no badge to a case refused or handed off, whatever its deadline', () => {
    for (const status of ['REFUSED', 'HANDED_OFF', 'WITHDRAWN']) {
      expect(deadlineBadge({ status, overdue: false, answerDeadline: '2026-12-01T09:00:00+08:00' }, now)).toBeNull()
      expect(deadlineBadge({ status, overdue: false, answerDeadline: '2026-12-02T18:00:00+08:00' }, now)).toBeNull()
    }
  })

  it('offers "assign to me" to the lead unit\'s staff while the case is theirs, and not to its officer again', () => {
    const me = { unitId: 'Z-WSJKQ-health', sub: 'li.wei' }
    const c = { leadUnitId: 'Z-WSJKQ-health', officerId: null }
    expect(['ASSIGNED', 'SIGNED', 'REOPENED'].filter(status => mayTakeCase({ ...c, status }, me))).toEqual(['ASSIGNED', 'SIGNED', 'REOPENED'])
    for (const status of ['RETURNED', 'ANSWERED', 'WITHDRAWN', 'REFUSED', 'HANDED_OFF']) {
      expect(mayTakeCase({ ...c, status }, me)).toBe(false)
    }
    expect(mayTakeCase({ ...c, status: 'SIGNED', officerId: 'zhang.san' }, me)).toBe(true)
    expect(mayTakeCase({ ...c, status: 'SIGNED', officerId: 'li.wei' }, me)).toBe(false)
    expect(mayTakeCase({ ...c, status: 'SIGNED' }, { unitId: 'Z-WSJKQ-water', sub: 'li.wei' })).toBe(false)
    expect(mayTakeCase({ ...c, status: 'SIGNED' }, { unitId: null, sub: 'li.wei' })).toBe(false)
    expect(mayTakeCase({ ...c, status: 'SIGNED' }, null)).toBe(false)
  })

  it('counts a note as the service does: characters (not UTF-16 units) of the trimmed text', () => {
    expect(noteLength('  已联系  ')).toBe(3)
    expect(noteLength('𠀀𠀀𠀀𠀀𠀀')).toBe(5) // characters outside the BMP count once
  })
})
