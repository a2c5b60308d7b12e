import { reactive } from 'vue'
import { api } from './client'
import type { Category, LocalizedName, Region } from './types'

/**
 * Names for the codes that cases and statistics carry (categories, districts), from the public
 * catalogue, fetched once per page load. A code the catalogue does not know shows as itself.
 */
const names = reactive<{ categories: Record<string, LocalizedName>; regions: Record<string, LocalizedName> }>({
  categories: {}, regions: {},
})
let loading: Promise<void> | null = null

export function loadCatalogueNames(): Promise<void> {
  loading ??= Promise.all([
    api.get<Category[]>('/api/v1/categories').then(cs => cs.forEach(c => { names.categories[c.code] = c.name })),
    api.get<Region[]>('/api/v1/regions', { query: { level: 'DISTRICT' } }).then(rs => rs.forEach(r => { names.regions[r.code] = r.name })),
  ]).then(() => undefined, () => { loading = null })
  return loading
}

function pick(name: LocalizedName | undefined, code: string, locale: string): string {
  if (!name) {
    return code
  }
  return locale.startsWith('zh') ? name.zh : name.en
}

export function categoryName(code: string, locale: string): string {
  return pick(names.categories[code], code, locale)
}

export function regionName(code: string, locale: string): string {
  return pick(names.regions[code], code, locale)
}

/** The category codes the catalogue knows, for filters (empty until loadCatalogueNames has answered). */
export function categoryCodes(): string[] {
  return Object.keys(names.categories)
}
