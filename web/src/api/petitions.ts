import type { Category } from './types'
import type { PetitionDraft } from '../stores/drafts'

/** The API's field paths (NewPetition) → the form's fields, for problem+json errors. */
export const PETITION_FIELD_ALIASES: Record<string, string> = {
  title: 'title',
  description: 'description',
  categoryCode: 'categoryCode',
  regionCode: 'place',
  townCode: 'place',
  channel: '',
  'location.address': 'address',
  'location.latitude': 'address',
  'location.longitude': 'address',
  location: 'address',
  contact: 'contactName',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
}
export const PETITION_FORM_FIELDS = ['title', 'description', 'categoryCode', 'place', 'address', 'contactName', 'contactPhone'] as const

/** Limits of NewPetition (petition-service), shown as counters. */
export const LIMITS = { title: 200, description: 4000, address: 500, contactName: 50 }

/** The body of POST /api/v1/petitions for a draft, filed through the web channel. */
export function toNewPetition(d: PetitionDraft) {
  const address = d.address.trim()
  return {
    title: d.title.trim(),
    description: d.description.trim(),
    categoryCode: d.categoryCode,
    regionCode: d.place[0] ?? '',
    ...(d.place[1] ? { townCode: d.place[1] } : {}),
    ...(address ? { location: { address } } : {}),
    channel: 'web',
    contact: { name: d.contactName.trim(), phone: d.contactPhone.replace(/\s/g, '') },
  }
}

/** A category matches a search by its Chinese or English name, its group or one of its keywords. */
export function matchesCategory(c: Category, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) {
    return true
  }
  const words = [c.code, c.name.zh, c.name.en, c.groupName?.zh, c.groupName?.en, ...(c.keywords ?? [])]
  return words.some(w => typeof w === 'string' && w.toLowerCase().includes(q))
}
