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

// Dates, times and numbers: src/format.ts (one helper, China time, the reader's locale).

/** A localized name of the catalogue ({zh, en}) in the current locale. */
export function nameIn(name: { zh: string; en: string } | undefined | null, locale: string): string {
  if (!name) {
    return ''
  }
  return locale.startsWith('zh') ? name.zh : (name.en || name.zh)
}
