import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

/**
 * The one place dates, times, deadlines and numbers are written for the reader: always in China
 * time (Asia/Shanghai, the zone every deadline of the API is set in, whatever the browser's zone),
 * in the reader's locale (zh-CN or en). Screens use `useFormat()`, which follows the locale switch;
 * the plain functions take the locale explicitly (tests, code outside components).
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai'
/** China has no daylight saving time: +08:00 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`
  let f = cache.get(key) as Intl.DateTimeFormat | undefined
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, ...options })
    cache.set(key, f)
  }
  return f
}
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`
  let f = cache.get(key) as Intl.NumberFormat | undefined
  if (!f) {
    f = new Intl.NumberFormat(locale, options)
    cache.set(key, f)
  }
  return f
}

function parse(value: string | number | Date | undefined | null): Date | null {
  if (value === undefined || value === null || value === '') {
    return null
  }
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/** A date and time in China time, as the locale writes it: 2026/12/02 18:00, 12/02/2026, 18:00. */
export function formatDateTime(value: string | number | Date | undefined | null, locale: string): string {
  const d = parse(value)
  if (!d) {
    return typeof value === 'string' ? value : ''
  }
  return dateFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d)
}

/** The China date of an instant (or a plain YYYY-MM-DD), as the locale writes it. */
export function formatDate(value: string | number | Date | undefined | null, locale: string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    value = `${value}T12:00:00+08:00`
  }
  const d = parse(value)
  if (!d) {
    return typeof value === 'string' ? value : ''
  }
  return dateFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

/** A month key of the statistics (YYYY-MM) as the locale writes it: 2026年11月, Nov 2026. */
export function formatMonth(key: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (!m) {
    return key
  }
  return dateFormat(locale, { year: 'numeric', month: 'short' }).format(new Date(`${m[1]}-${m[2]}-15T12:00:00+08:00`))
}

/** A count: 1,234 in both locales (grouping as the locale does it). */
export function formatNumber(n: number | null | undefined, locale: string): string {
  return n === null || n === undefined ? '' : numberFormat(locale, { maximumFractionDigits: 2 }).format(n)
}

/** A rate (0..1) as a percentage to one decimal, or null for "nothing counted" (the API's null). */
export function formatRate(rate: number | null | undefined, locale: string): string | null {
  if (rate === null || rate === undefined) {
    return null
  }
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(rate))
}

/** The China calendar date (YYYY-MM-DD) of an instant. */
export function chinaDay(at: number | Date): string {
  const t = (at instanceof Date ? at.getTime() : at) + CHINA_OFFSET_MS
  return new Date(t).toISOString().slice(0, 10)
}

/** The instant a China date begins, as the API's ISO date-time with offset: 2026-12-05T00:00:00+08:00. */
export function startOfChinaDay(day: string): string {
  return `${day}T00:00:00+08:00`
}

/** The China date after `day` (YYYY-MM-DD). */
export function nextChinaDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** True when the China date of the instant is a Saturday or a Sunday. */
export function isChinaWeekend(at: number): boolean {
  const dow = new Date(at + CHINA_OFFSET_MS).getUTCDay()
  return dow === 0 || dow === 6
}

/** A file's size as the reader reads it: 812 B, 179 KB, 2.4 MB (binary units, as the 10 MB upload limit). */
export function formatSize(bytes: number, locale: string): string {
  if (bytes < 1024) {
    return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(bytes)} B`
  }
  if (bytes < 1024 * 1024) {
    return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} KB`
  }
  return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`
}

/** A distance as people say it: 300 m, 1.2 km (the API gives metres, rounded up to 100 m). */
export function formatDistance(metres: number, locale: string): string {
  if (metres < 1000) {
    return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(metres)} m`
  }
  return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(metres / 1000)} km`
}

/** The same helpers bound to the current locale, for templates. */
export function useFormat() {
  const { locale } = useI18n()
  const current = computed(() => locale.value)
  return {
    locale: current,
    dateTime: (v: string | number | Date | undefined | null) => formatDateTime(v, current.value),
    date: (v: string | number | Date | undefined | null) => formatDate(v, current.value),
    month: (key: string) => formatMonth(key, current.value),
    number: (n: number | null | undefined) => formatNumber(n, current.value),
    rate: (r: number | null | undefined) => formatRate(r, current.value),
    size: (bytes: number) => formatSize(bytes, current.value),
    distance: (metres: number) => formatDistance(metres, current.value),
  }
}
