import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import zhCN from '../src/i18n/messages/zh-CN.json'
import en from '../src/i18n/messages/en.json'

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : /\.(vue|ts)$/.test(name) ? [path] : []
  })
}

describe('messages', () => {
  const zhKeys = keys(zhCN)
  const enKeys = keys(en)

  it('every key of zh-CN exists in en', () => {
    expect(zhKeys.filter(k => !enKeys.includes(k))).toEqual([])
  })

  it('every key of en exists in zh-CN', () => {
    expect(enKeys.filter(k => !zhKeys.includes(k))).toEqual([])
  })

  it('no message is empty', () => {
    const empty = (tree: object) => keys(tree).filter(k => !k.split('.').reduce((o: any, p) => o?.[p], tree))
    expect(empty(zhCN)).toEqual([])
    expect(empty(en)).toEqual([])
  })

  it('every literal key the screens ask for exists', () => {
    const src = join(__dirname, '..', 'src')
    const asked = new Set<string>()
    for (const file of sources(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g)) {
        asked.add(m[1])
      }
    }
    expect(asked.size).toBeGreaterThan(50)
    expect([...asked].filter(k => !zhKeys.includes(k))).toEqual([])
  })

  it('no screen writes Chinese text of its own: every string the reader sees is in the message files', () => {
    const src = join(__dirname, '..', 'src')
    const cjk = /[\u3400-\u9fff\uff00-\uffef]/
    const offenders = sources(src).flatMap(file => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1')
      return code.split('\n').filter(line => cjk.test(line)).map(line => `${file}: ${line.trim()}`)
    })
    expect(offenders).toEqual([])
  })
})
