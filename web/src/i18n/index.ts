import { createI18n } from 'vue-i18n'
import zhCN from './messages/zh-CN.json'
import en from './messages/en.json'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'en']
export const messages = { 'zh-CN': zhCN, en }

/** zh-CN by default; en complete (tests/i18n.test.ts checks both have the same keys). */
export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
})

const CHINA = 'Asia/Shanghai'

/** A date and time in China time, as the locale writes it (the API's times are +08:00). */
export function formatDateTime(iso: string | undefined | null, locale: string): string {
  if (!iso) {
    return ''
  }
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) {
    return iso
  }
  return new Intl.DateTimeFormat(locale, {
    timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d)
}

/** A rate (0..1) as a percentage in the locale, or null for "nothing counted". */
export function formatRate(rate: number | null | undefined, locale: string): string | null {
  if (rate === null || rate === undefined) {
    return null
  }
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate)
}

/** A localized name of the catalogue ({zh, en}) in the current locale. */
export function nameIn(name: { zh: string; en: string } | undefined | null, locale: string): string {
  if (!name) {
    return ''
  }
  return locale.startsWith('zh') ? name.zh : (name.en || name.zh)
}
