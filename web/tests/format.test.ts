import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chinaDay, formatDate, formatDateTime, formatMonth, formatNumber, formatRate, isChinaWeekend } from '../src/format'
import { oneWorkingDayFrom } from '../src/api/cases'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : /\.(vue|ts)$/.test(name) ? [path] : []
  })
}

describe('dates and numbers, one helper, China time', () => {
  // 16:30 UTC is half past midnight of the next day in China, whatever zone the browser is in
  const LATE = '2026-12-02T16:30:00Z'

  it('writes instants in China time in either locale', () => {
    expect(formatDateTime(LATE, 'zh-CN')).toBe('2026/12/03 00:30')
    expect(formatDateTime(LATE, 'en')).toBe('12/03/2026, 00:30')
    expect(formatDateTime('2026-12-09T18:00:00+08:00', 'en')).toBe('12/09/2026, 18:00')
    expect(formatDate(LATE, 'zh-CN')).toBe('2026/12/03')
    expect(formatDate('2026-12-03', 'en')).toBe('12/03/2026')
    expect(chinaDay(Date.parse(LATE))).toBe('2026-12-03')
    expect(formatDateTime(undefined, 'en')).toBe('')
    expect(formatDateTime('not a date', 'en')).toBe('not a date')
  })

  it('writes months, counts and rates per locale', () => {
    expect(formatMonth('2026-11', 'zh-CN')).toBe('2026年11月')
    expect(formatMonth('2026-11', 'en')).toBe('Nov 2026')
    expect(formatNumber(12345, 'en')).toBe('12,345')
    expect(formatNumber(12345, 'zh-CN')).toBe('12,345')
    expect(formatRate(0.928571, 'zh-CN')).toBe('92.9%')
    expect(formatRate(null, 'en')).toBeNull()
    expect(formatRate(0, 'en')).toBe('0.0%')
  })

  it('counts weekends in China time: Friday 23:30 UTC is already Saturday in China', () => {
    expect(isChinaWeekend(Date.parse('2026-12-04T15:59:00Z'))).toBe(false) // Fri 23:59 in China
    expect(isChinaWeekend(Date.parse('2026-12-04T16:01:00Z'))).toBe(true) // Sat 00:01 in China
    // one working day from Friday 10:00 ends Monday 10:00; from Thursday 10:00, Friday 10:00
    expect(oneWorkingDayFrom(Date.parse('2026-12-04T10:00:00+08:00'))).toBe(Date.parse('2026-12-07T10:00:00+08:00'))
    expect(oneWorkingDayFrom(Date.parse('2026-12-03T10:00:00+08:00'))).toBe(Date.parse('2026-12-04T10:00:00+08:00'))
  })

  it('no screen formats a date or a number on its own: all of it goes through src/format.ts', () => {
    const src = join(__dirname, '..', 'src')
    const offenders = sources(src)
      .filter(f => !f.endsWith('format.ts'))
      .filter(f => /Intl\.(DateTimeFormat|NumberFormat|RelativeTimeFormat)|toLocale(Date|Time)?String|getHours\(|getDate\(|toFixed\(/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})
