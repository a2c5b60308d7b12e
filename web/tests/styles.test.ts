// @vitest-environment jsdom
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import CaseDetail from '../src/views/desk/CaseDetail.vue'
import PetitionFacts from '../src/components/PetitionFacts.vue'
import type { Petition } from '../src/api/types'
import { i18n } from '../src/i18n'
import { auth } from '../src/stores/auth'
import { fakeFetch, flush, json } from './setup'
import { mountScreen } from './mount'

const SRC = join(__dirname, '..', 'src')
function vueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? vueFiles(path) : name.endsWith('.vue') ? [path] : []
  })
}
const styleBlocks = (file: string) => [...readFileSync(file, 'utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map(m => m[1]).join('\n')

describe('the facts list (<dl class="facts">) is styled in one place', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('the shared stylesheet has it, and no screen defines it again', () => {
    const shared = readFileSync(join(SRC, 'style.css'), 'utf8')
    expect(shared).toMatch(/\.facts\s*\{[^}]*display:\s*grid/)
    expect(shared).toMatch(/\.facts dd\s*\{/)
    expect(vueFiles(SRC).filter(f => /\.facts\b/.test(styleBlocks(f)))).toEqual([])
  })

  it('the screens that list facts use the shared class', async () => {
    const users = vueFiles(SRC).filter(f => /<dl class="facts">/.test(readFileSync(f, 'utf8'))).map(f => f.slice(SRC.length + 1))
    // the request card of the citizen's and the auditor's screens is one component; RequestDetail's own list is its closure card
    expect(users.sort()).toEqual(['components/PetitionFacts.vue', 'views/PublicKnowledge.vue', 'views/Track.vue', 'views/citizen/RequestDetail.vue',
      'views/desk/CaseDetail.vue', 'views/desk/Knowledge.vue', 'views/desk/ReplyTemplates.vue', 'views/desk/Routing.vue'])
    for (const screen of ['views/audit/AuditRequestDetail.vue', 'views/citizen/RequestDetail.vue']) {
      expect(readFileSync(join(SRC, screen), 'utf8')).toMatch(/<PetitionFacts\b/)
    }

    auth.signIn({ token: 'tok', role: 'unit_staff', sub: 's', unitId: 'Z-WSJKQ-health', expiresAt: Date.now() + 60_000 })
    fakeFetch(req => req.url.startsWith('/api/v1/cases/') ? json(200, {
      id: 'c1', petitionId: 'p1', trackingNumber: 'CQ-1', title: 't', categoryCode: 'health', handling: 'NORMAL', regionCode: 'Z-WSJKQ',
      status: 'SIGNED', leadUnitId: 'Z-WSJKQ-health', answerDeadline: '2026-12-09T18:00:00+08:00', overdue: false, returnCount: 0,
      flagged: false, finalRuling: false, reopenCount: 0, allowedActions: [], history: [],
    }) : json(200, []))
    const sheet = document.createElement('style')
    sheet.textContent = readFileSync(join(SRC, 'style.css'), 'utf8')
    document.head.appendChild(sheet)
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    const dl = wrapper.get('dl.facts')
    expect(dl.findAll('dt').length).toBeGreaterThan(1)
    // laid out by the shared stylesheet alone (the tests load no component styles)
    expect(getComputedStyle(dl.element).display).toBe('grid')
    expect(getComputedStyle(dl.element.querySelector('dd')!).marginLeft).toBe('0px')
    wrapper.unmount()

    // the shared request card, mounted alone, is laid out by the same stylesheet
    const card = mount(PetitionFacts, {
      props: { petition: { id: 'p1', trackingNumber: 'CQ-1', status: 'ASSIGNED', title: 't', description: 'd',
        category: { code: 'health', name: { zh: '医疗卫生', en: 'Health' } }, answerDeadline: '2026-12-09T18:00:00+08:00' } as Petition },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    const facts = card.get('dl.facts')
    expect(facts.findAll('dt').length).toBeGreaterThan(1)
    expect(getComputedStyle(facts.element).display).toBe('grid')
    expect(getComputedStyle(facts.element.querySelector('dd')!).marginLeft).toBe('0px')
    card.unmount()
    sheet.remove()
  })
})
