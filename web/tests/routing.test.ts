// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import Routing from '../src/views/desk/Routing.vue'
import CategorySelect from '../src/components/CategorySelect.vue'
import RegionCascader from '../src/components/RegionCascader.vue'
import { auth } from '../src/stores/auth'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'
import { i18n } from '../src/i18n'

const CATEGORIES = [
  { code: 'health', name: { zh: '医疗卫生', en: 'Health care' }, group: 'public-services', groupName: { zh: '公共服务', en: 'Public services' },
    handling: 'NORMAL', keywords: ['医院'] },
  { code: 'water', name: { zh: '供水', en: 'Water supply' }, group: 'utilities', groupName: { zh: '水电气', en: 'Utilities' },
    handling: 'NORMAL', keywords: ['停水'] },
]
const RULES = [
  { id: 7, categoryCode: 'health', regionCode: 'Z-WSJKQ', version: 2, leadUnitId: 'Z-WSJKQ-health', coUnitIds: [],
    effectiveFrom: '2026-11-01T00:00:00+08:00', createdBy: 'city-admin' },
  { id: 3, categoryCode: 'health', regionCode: 'Z-WSJKQ', version: 1, leadUnitId: 'Z-WSJKQ-gc', coUnitIds: [],
    effectiveFrom: '2026-01-01T00:00:00+08:00', createdBy: 'city-admin' },
]

function answer(dryRun: (req: Sent) => Response) {
  return (req: Sent) => {
    if (req.url.startsWith('/api/v1/routing-rules/dry-run')) {
      return dryRun(req)
    }
    if (req.url.startsWith('/api/v1/routing-rules')) {
      return json(200, RULES)
    }
    if (req.url.startsWith('/api/v1/categories')) {
      return json(200, CATEGORIES)
    }
    return json(200, [])
  }
}

async function choose(wrapper: any, category: string, place: string[]) {
  wrapper.getComponent(CategorySelect).vm.$emit('update:modelValue', category)
  wrapper.getComponent(RegionCascader).vm.$emit('update:modelValue', place)
  await flush()
  await wrapper.get('form').trigger('submit')
  await flush()
}

describe('routing rules and the dry run', () => {
  beforeEach(() => auth.signIn({ token: 'tok-gc', role: 'governance', sub: 'gc', unitId: '500108-gc', expiresAt: Date.now() + 60_000 }))
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('lists every rule version the API gives, newest first as it orders them', async () => {
    fakeFetch(answer(() => json(500, {})))
    const { wrapper } = await mountScreen(Routing, '/desk/routing')
    await flush()
    const rows = wrapper.findAll('[data-test="rules"] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('v2')
    expect(rows[0].text()).toContain('Z-WSJKQ-health')
    expect(rows[1].text()).toContain('v1')
    expect(rows[0].text()).toContain('医疗卫生')
    wrapper.unmount()
  })

  it('the dry run sends the chosen category, district and town, and shows the unit chosen and the rule version why', async () => {
    const { sent } = fakeFetch(answer(() => json(200, { leadUnitId: 'Z-WSJKQ-health', leadUnitNameZh: '万盛经开区卫生健康局',
      leadUnitNameEn: 'Wansheng Health Bureau', coUnitIds: [], ruleId: 7, ruleVersion: 2, fallback: false })))
    const { wrapper } = await mountScreen(Routing, '/desk/routing')
    await flush()
    await choose(wrapper, 'health', ['Z-WSJKQ', 'Z-WSJKQ-GUANBA'])
    const runs = sent.filter(s => s.url.startsWith('/api/v1/routing-rules/dry-run'))
    expect(runs).toHaveLength(1)
    const q = new URL(runs[0].url, 'http://x').searchParams
    expect([q.get('category'), q.get('region'), q.get('town')]).toEqual(['health', 'Z-WSJKQ', 'Z-WSJKQ-GUANBA'])
    expect(runs[0].headers.Authorization).toBe('Bearer tok-gc')
    expect(wrapper.get('[data-test="decision-unit"]').text()).toBe('万盛经开区卫生健康局 (Z-WSJKQ-health)')
    const why = wrapper.get('[data-test="decision-why"]').text()
    expect(why).toContain(i18n.global.t('routing.byRule', { id: 7, version: 2 }))
    expect(why).toContain('医疗卫生')
    expect(wrapper.get('[data-test="rules"] tbody tr.used').text()).toContain('v2')
    wrapper.unmount()
  })

  it('a district alone is sent without a town, and the fall-back to the governance centre is said as such', async () => {
    const { sent } = fakeFetch(answer(() => json(200, { leadUnitId: '500108-gc', leadUnitNameZh: '南岸区治理中心', coUnitIds: [], fallback: true })))
    const { wrapper } = await mountScreen(Routing, '/desk/routing')
    await flush()
    await choose(wrapper, 'water', ['500108'])
    const run = sent.find(s => s.url.startsWith('/api/v1/routing-rules/dry-run'))!
    const q = new URL(run.url, 'http://x').searchParams
    expect([q.get('category'), q.get('region'), q.has('town')]).toEqual(['water', '500108', false])
    expect(wrapper.get('[data-test="decision-why"]').text()).toBe(i18n.global.t('routing.fallback'))
    expect(wrapper.find('[data-test="rules"] tbody tr.used').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a refused dry run shows the service\'s reason, on the place picker when it names the region', async () => {
    fakeFetch(answer(() => problem(400, { type: 'urn:minhu:problem:validation', title: 'Invalid parameter region',
      errors: [{ field: 'region', reason: 'is required and must be a known district-level region' }] })))
    const { wrapper } = await mountScreen(Routing, '/desk/routing')
    await flush()
    await choose(wrapper, 'water', ['NOPE'])
    await new Promise(r => setTimeout(r, 150)) // Element Plus shows a form item's error after a 100 ms debounce
    expect(wrapper.get('[data-test="dry-run"]').text()).toContain('is required and must be a known district-level region')
    expect(wrapper.find('[data-test="decision"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
