import type { Unit } from './types'

/** The NewUnit body of POST /api/v1/units, as the form holds it (every field a string). */
export interface UnitDraft {
  id: string; nameZh: string; nameEn: string; level: string; kind: string
  department: string; regionCode: string; parentId: string
}

export const UNIT_LEVELS = ['CITY', 'DISTRICT', 'TOWN'] as const
export const UNIT_KINDS = ['GOVERNANCE_CENTRE', 'DEPARTMENT', 'TOWN_OFFICE'] as const
/** The add-unit form's fields: a problem's error on any other lands above the form. */
export const UNIT_FORM_FIELDS = ['id', 'nameZh', 'nameEn', 'level', 'kind', 'department', 'regionCode', 'parentId'] as const
export const RENAME_FORM_FIELDS = ['nameZh', 'nameEn'] as const

export function emptyUnitDraft(): UnitDraft {
  return { id: '', nameZh: '', nameEn: '', level: '', kind: '', department: '', regionCode: '', parentId: '' }
}

/** The request body: trimmed, optional fields left out when blank (the API validates the rest). */
export function toNewUnit(d: UnitDraft): Record<string, string> {
  const body: Record<string, string> = {}
  for (const k of UNIT_FORM_FIELDS) {
    const v = d[k].trim()
    if (v !== '') {
      body[k] = v
    }
  }
  return body
}

/** The PATCH body: only the names that changed. */
export function toRename(unit: Unit, nameZh: string, nameEn: string): Record<string, string> {
  const body: Record<string, string> = {}
  if (nameZh.trim() !== unit.nameZh) {
    body.nameZh = nameZh.trim()
  }
  if (nameEn.trim() !== unit.nameEn) {
    body.nameEn = nameEn.trim()
  }
  return body
}
