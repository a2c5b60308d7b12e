// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { auth } from '../src/stores/auth'
import { call, whenUnauthorized } from '../src/api/client'
import { petitionDraft } from '../src/stores/drafts'
import SignIn from '../src/views/SignIn.vue'
import { fakeFetch, flush, json, problem } from './setup'
import { mountScreen } from './mount'

describe('the token store', () => {
  let storage: ReturnType<typeof vi.spyOn>[] = []
  let cookie: ReturnType<typeof vi.fn>

  beforeEach(() => {
    localStorage.clear()
    sessionStorage.clear()
    storage = ['setItem', 'getItem', 'removeItem', 'key', 'clear'].map(m => vi.spyOn(Storage.prototype, m as 'setItem'))
    cookie = vi.fn()
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: cookie })
  })

  afterEach(() => {
    storage.forEach(s => s.mockRestore())
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('signing in as a demo identity keeps the token in memory only: no localStorage, sessionStorage or cookie', async () => {
    const { sent } = fakeFetch(() => json(201, {
      token: 'header.payload.signature', tokenType: 'Bearer', expiresIn: 43200, role: 'unit_staff',
      sub: 'staff-wansheng-health', unitId: 'Z-WSJKQ-health',
    }))
    const { wrapper, router } = await mountScreen(SignIn, '/sign-in')
    await wrapper.get('[data-test="sign-in-health"]').trigger('click')
    await flush()

    expect(sent[0]).toMatchObject({ url: '/dev/tokens', method: 'POST',
      body: { role: 'unit_staff', sub: 'staff-wansheng-health', unitId: 'Z-WSJKQ-health' } })
    expect(auth.token()).toBe('header.payload.signature')
    expect(router.currentRoute.value.path).toBe('/desk/cases')
    auth.signOut()
    expect(auth.token()).toBeNull()

    for (const s of storage) {
      expect(s).not.toHaveBeenCalled()
    }
    expect(cookie).not.toHaveBeenCalled()
    expect(localStorage.length + sessionStorage.length).toBe(0)
    wrapper.unmount()
  })

  it('sends the token as a bearer token, and an expired one not at all', async () => {
    const { sent } = fakeFetch(() => json(200, {}))
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    await call('GET', '/api/v1/petitions')
    expect(sent[0].headers.Authorization).toBe('Bearer tok')
    auth.signIn({ token: 'old', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() - 1 })
    await call('GET', '/api/v1/petitions')
    expect(sent[1].headers.Authorization).toBeUndefined()
  })

  it('a 401 is reported (the app goes back to sign-in) and the half-written request stays', async () => {
    fakeFetch(() => problem(401, { type: 'urn:minhu:problem:unauthenticated', detail: 'expired' }))
    const expired = vi.fn()
    whenUnauthorized(expired)
    petitionDraft.title = '解放碑片区停水'
    await expect(call('POST', '/api/v1/petitions', { body: {} })).rejects.toMatchObject({ status: 401 })
    expect(expired).toHaveBeenCalledTimes(1)
    expect(petitionDraft.title).toBe('解放碑片区停水')
    whenUnauthorized(() => {})
  })

  it('says the demo sign-in is not there when the gateway has no /dev/tokens', async () => {
    fakeFetch(() => problem(404, { type: 'urn:minhu:problem:not-found', detail: 'Nothing at this path' }))
    const { wrapper } = await mountScreen(SignIn, '/sign-in')
    await wrapper.get('[data-test="sign-in-citizen"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-test="sign-in-error"]').text()).toContain('/dev/tokens')
    expect(auth.token()).toBeNull()
    wrapper.unmount()
  })
})
