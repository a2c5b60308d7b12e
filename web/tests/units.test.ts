// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import Units from '../src/views/desk/Units.vue'
import { auth, type Role } from '../src/stores/auth'
import { fakeFetch, flush, json, problem } from './setup'
import { mountScreen } from './mount'
import { i18n } from '../src/i18n'

const GC = { id: '500108-gc', nameZh: '南岸区治理中心', nameEn: 'Nan\'an Governance Centre', level: 'DISTRICT',
  kind: 'GOVERNANCE_CENTRE', regionCode: '500108', parentId: 'city-gc', active: true }
const HEALTH = { id: 'Z-WSJKQ-health', nameZh: '万盛经开区卫生健康局', nameEn: 'Wansheng Health Bureau', level: 'DISTRICT',
  kind: 'DEPARTMENT', regionCode: 'Z-WSJKQ', parentId: 'city-gc', active: true }

function signIn(role: Role) {
  auth.signIn({ token: `tok-${role}`, role, sub: role, unitId: role === 'admin' ? 'city-gc' : 'Z-WSJKQ-health', expiresAt: Date.now() + 60_000 })
}

/** Element Plus shows a form item's error after a 100 ms debounce. */
const settle = () => new Promise(r => setTimeout(r, 150))

async function type(wrapper: any, selector: string, value: string) {
  const el = wrapper.get(selector)
  await (el.element.tagName === 'INPUT' ? el : el.get('input')).setValue(value)
}

describe('the unit registry', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('offers no change to unit staff: they read the registry only', async () => {
    signIn('unit_staff')
    fakeFetch(() => json(200, [GC, HEALTH]))
    const { wrapper } = await mountScreen(Units, '/desk/units')
    await flush()
    expect(wrapper.get('[data-test="units"]').text()).toContain(HEALTH.nameZh)
    expect(wrapper.find('[data-test="add-unit"]').exists()).toBe(false)
    expect(wrapper.find(`[data-test="toggle-${HEALTH.id}"]`).exists()).toBe(false)
    expect(wrapper.find(`[data-test="rename-${HEALTH.id}"]`).exists()).toBe(false)
    wrapper.unmount()
  })

  it('a 400 on add-unit puts each reason under its own field, and the 201 adds the unit to the table', async () => {
    signIn('admin')
    let attempt = 0
    const { sent } = fakeFetch(req => {
      if (req.method === 'POST') {
        attempt++
        return attempt === 1
          ? problem(400, { type: 'urn:minhu:problem:validation', title: 'Invalid input', errors: [
            { field: 'id', reason: 'must be 2 to 64 letters, digits or -' }, { field: 'parentId', reason: 'is required' }] })
          : json(201, { id: 'Z-WSJKQ-water', nameZh: '水务局', nameEn: 'Water Bureau', level: 'DISTRICT', kind: 'DEPARTMENT',
            parentId: 'city-gc', active: true })
      }
      return json(200, [GC, HEALTH])
    })
    const { wrapper } = await mountScreen(Units, '/desk/units')
    await flush()
    await wrapper.get('[data-test="add-unit"]').trigger('click')
    await flush()
    await type(wrapper, '[data-test="new-id"]', 'bad id!')
    await type(wrapper, '[data-test="new-nameZh"]', '水务局')
    await type(wrapper, '[data-test="new-nameEn"]', 'Water Bureau')
    await wrapper.get('[data-test="add-submit"]').trigger('click')
    await flush()
    await settle()
    expect(sent.filter(s => s.method === 'POST')).toHaveLength(1)
    expect(sent[1]).toMatchObject({ url: '/api/v1/units', body: { id: 'bad id!', nameZh: '水务局', nameEn: 'Water Bureau' },
      headers: { Authorization: 'Bearer tok-admin' } })
    expect(wrapper.get('[data-test="field-id"]').text()).toContain('must be 2 to 64 letters, digits or -')
    expect(wrapper.get('[data-test="field-parentId"]').text()).toContain('is required')
    expect(wrapper.get('[data-test="field-nameZh"]').text()).not.toContain('is required')
    expect(wrapper.get('[data-test="add-error"]').text()).toBe(i18n.global.t('units.fixErrors'))

    await type(wrapper, '[data-test="new-id"]', 'Z-WSJKQ-water')
    await wrapper.get('[data-test="add-submit"]').trigger('click')
    await flush()
    await settle()
    expect(wrapper.find('[data-test="field-id"] .el-form-item__error').exists()).toBe(false)
    expect(wrapper.get('[data-test="units"]').text()).toContain('水务局')
    wrapper.unmount()
  })

  it('a 409 on add-unit shows the service\'s reason above the form', async () => {
    signIn('admin')
    fakeFetch(req => req.method === 'POST'
      ? problem(409, { type: 'urn:minhu:problem:conflict', title: 'Conflict', detail: 'Unit Z-WSJKQ-health exists' })
      : json(200, [GC, HEALTH]))
    const { wrapper } = await mountScreen(Units, '/desk/units')
    await flush()
    await wrapper.get('[data-test="add-unit"]').trigger('click')
    await flush()
    await type(wrapper, '[data-test="new-id"]', 'Z-WSJKQ-health')
    await wrapper.get('[data-test="add-submit"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-test="add-error"]').text()).toContain('Unit Z-WSJKQ-health exists')
    wrapper.unmount()
  })

  it('deactivating asks first, then posts /deactivate and shows the unit inactive', async () => {
    signIn('admin')
    const { sent } = fakeFetch(req => req.method === 'POST' ? json(200, { ...HEALTH, active: false }) : json(200, [GC, HEALTH]))
    const { wrapper } = await mountScreen(Units, '/desk/units')
    await flush()
    await wrapper.get(`[data-test="toggle-${HEALTH.id}"]`).trigger('click')
    await flush()
    expect(wrapper.get('[data-test="toggle-question"]').text()).toContain(HEALTH.nameZh)
    expect(sent.filter(s => s.method === 'POST')).toHaveLength(0)
    await wrapper.get('[data-test="toggle-confirm"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'POST').map(s => s.url)).toEqual([`/api/v1/units/${HEALTH.id}/deactivate`])
    expect(wrapper.get(`[data-test="active-${HEALTH.id}"]`).text()).toBe(i18n.global.t('units.no'))
    expect(wrapper.get(`[data-test="toggle-${HEALTH.id}"]`).text()).toBe(i18n.global.t('units.activate'))
    wrapper.unmount()
  })

  it('a refused deactivation shows the service\'s reason and leaves the unit as it was', async () => {
    signIn('admin')
    fakeFetch(req => req.method === 'POST'
      ? problem(409, { type: 'urn:minhu:problem:conflict', detail: 'The city governance centre cannot be deactivated' })
      : json(200, [GC, HEALTH]))
    const { wrapper } = await mountScreen(Units, '/desk/units')
    await flush()
    await wrapper.get(`[data-test="toggle-${GC.id}"]`).trigger('click')
    await flush()
    await wrapper.get('[data-test="toggle-confirm"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-test="toggle-error"]').text()).toContain('The city governance centre cannot be deactivated')
    expect(wrapper.get(`[data-test="active-${GC.id}"]`).text()).toBe(i18n.global.t('units.yes'))
    wrapper.unmount()
  })

  it('renaming sends only the name that changed, and an error on it lands under that name', async () => {
    signIn('admin')
    let attempt = 0
    const { sent } = fakeFetch(req => {
      if (req.method === 'PATCH') {
        attempt++
        return attempt === 1
          ? problem(400, { type: 'urn:minhu:problem:validation', errors: [{ field: 'nameEn', reason: 'must be 1 to 200 characters' }] })
          : json(200, { ...HEALTH, nameEn: 'Wansheng Health Commission' })
      }
      return json(200, [GC, HEALTH])
    })
    const { wrapper } = await mountScreen(Units, '/desk/units')
    await flush()
    i18n.global.locale.value = 'en'
    try {
      await wrapper.get(`[data-test="rename-${HEALTH.id}"]`).trigger('click')
      await flush()
      await type(wrapper, '[data-test="rename-nameEn"]', '')
      await wrapper.get('[data-test="rename-submit"]').trigger('click')
      await flush()
      await settle()
      expect(wrapper.get('[data-test="rename-field-nameEn"]').text()).toContain('must be 1 to 200 characters')
      expect(wrapper.get('[data-test="rename-field-nameZh"]').text()).not.toContain('must be')
      await type(wrapper, '[data-test="rename-nameEn"]', 'Wansheng Health Commission')
      await wrapper.get('[data-test="rename-submit"]').trigger('click')
      await flush()
      const patches = sent.filter(s => s.method === 'PATCH')
      expect(patches.map(p => p.url)).toEqual([`/api/v1/units/${HEALTH.id}`, `/api/v1/units/${HEALTH.id}`])
      expect(patches.map(p => p.body)).toEqual([{ nameEn: '' }, { nameEn: 'Wansheng Health Commission' }])
      expect(wrapper.get('[data-test="units"]').text()).toContain('Wansheng Health Commission')
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
    wrapper.unmount()
  })
})
