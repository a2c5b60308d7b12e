// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import Open311Clients from '../src/views/desk/Open311Clients.vue'
import { auth } from '../src/stores/auth'
import { fakeFetch, flush, json, problem } from './setup'
import { mountScreen } from './mount'
import { i18n } from '../src/i18n'

const APP = { id: '0b8e7c52-6f0e-4f4a-9d55-1f2a3b4c5d6e', name: 'Yukuaiban', createdAt: '2026-11-20T09:00:00+08:00',
  createdBy: 'city-admin', revokedAt: null }
const KEY = 'o311_4f8d2c1e9b7a6f5e4d3c2b1a0f9e8d7c'
const NEW = { id: '9a1b2c3d-0000-4000-8000-000000000001', name: 'Mailbox bridge', createdAt: '2026-12-03T15:00:00+08:00',
  createdBy: 'city-admin', revokedAt: null, apiKey: KEY }

describe('Open311 client keys', () => {
  beforeEach(() => auth.signIn({ token: 'tok-admin', role: 'admin', sub: 'city-admin', unitId: 'city-gc', expiresAt: Date.now() + 60_000 }))
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('the key is shown once, can be copied, and is gone for good once its dialog closes', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const { sent } = fakeFetch(req => req.method === 'POST' ? json(201, NEW) : json(200, [APP]))
    const { wrapper } = await mountScreen(Open311Clients, '/desk/open311')
    await flush()
    await wrapper.get('[data-test="register"]').trigger('click')
    await flush()
    await wrapper.get('[data-test="client-name"]').setValue('  Mailbox bridge ')
    await wrapper.get('[data-test="register-submit"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'POST')).toMatchObject([{ url: '/api/v1/open311-clients', body: { name: 'Mailbox bridge' } }])

    expect(wrapper.get('[data-test="api-key"]').text()).toBe(KEY)
    expect(wrapper.get('[data-test="key-dialog"]').text()).toContain(i18n.global.t('open311.keyOnce'))
    expect(wrapper.get('[data-test="clients"]').text()).toContain('Mailbox bridge')
    expect(wrapper.get('[data-test="clients"]').text()).not.toContain(KEY)
    await wrapper.get('[data-test="copy-key"]').trigger('click')
    await flush()
    expect(writeText).toHaveBeenCalledWith(KEY)
    expect(wrapper.get('[data-test="copy-key"]').text()).toBe(i18n.global.t('open311.copied'))

    await wrapper.get('[data-test="key-done"]').trigger('click')
    await flush()
    expect(document.body.innerHTML).not.toContain(KEY)
    expect(wrapper.html()).not.toContain(KEY)
    // opening the register dialog again shows no key either
    await wrapper.get('[data-test="register"]').trigger('click')
    await flush()
    expect(document.body.innerHTML).not.toContain(KEY)
    expect(wrapper.find('[data-test="api-key"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a 400 on the name shows under the name, and no key dialog opens', async () => {
    fakeFetch(req => req.method === 'POST'
      ? problem(400, { type: 'urn:minhu:problem:validation', errors: [{ field: 'name', reason: 'is required' }] })
      : json(200, [APP]))
    const { wrapper } = await mountScreen(Open311Clients, '/desk/open311')
    await flush()
    await wrapper.get('[data-test="register"]').trigger('click')
    await flush()
    await wrapper.get('[data-test="register-submit"]').trigger('click')
    await flush()
    await new Promise(r => setTimeout(r, 150)) // Element Plus shows a form item's error after a 100 ms debounce
    expect(wrapper.get('[data-test="field-name"] .el-form-item__error').text()).toContain('is required')
    expect(wrapper.find('[data-test="api-key"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('revoking asks first, then sends DELETE and shows the client revoked', async () => {
    const { sent } = fakeFetch(req => req.method === 'DELETE'
      ? json(200, { ...APP, revokedAt: '2026-12-03T16:00:00+08:00' }) : json(200, [APP]))
    const { wrapper } = await mountScreen(Open311Clients, '/desk/open311')
    await flush()
    expect(wrapper.get(`[data-test="status-${APP.id}"]`).text()).toBe(i18n.global.t('open311.active'))
    await wrapper.get(`[data-test="revoke-${APP.id}"]`).trigger('click')
    await flush()
    expect(wrapper.get('[data-test="revoke-question"]').text()).toContain('Yukuaiban')
    expect(sent.filter(s => s.method === 'DELETE')).toHaveLength(0)
    await wrapper.get('[data-test="revoke-confirm"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'DELETE').map(s => [s.url, s.headers.Authorization]))
      .toEqual([[`/api/v1/open311-clients/${APP.id}`, 'Bearer tok-admin']])
    expect(wrapper.get(`[data-test="status-${APP.id}"]`).text()).toContain('2026/12/03 16:00')
    expect(wrapper.find(`[data-test="revoke-${APP.id}"]`).exists()).toBe(false)
    wrapper.unmount()
  })

  it('a revoke of a client that is gone (404) says so and changes nothing', async () => {
    fakeFetch(req => req.method === 'DELETE'
      ? problem(404, { type: 'urn:minhu:problem:not-found', detail: `No Open311 client ${APP.id}` }) : json(200, [APP]))
    const { wrapper } = await mountScreen(Open311Clients, '/desk/open311')
    await flush()
    await wrapper.get(`[data-test="revoke-${APP.id}"]`).trigger('click')
    await flush()
    await wrapper.get('[data-test="revoke-confirm"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-test="revoke-error"]').text()).toBe(i18n.global.t('common.notFound'))
    expect(wrapper.get(`[data-test="status-${APP.id}"]`).text()).toBe(i18n.global.t('open311.active'))
    wrapper.unmount()
  })
})
