// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '../src/i18n'
import { guard } from '../src/router'
import { endSession, installSessionExpiry, startSession } from '../src/session'
import { auth } from '../src/stores/auth'
import { clearAllDrafts, petitionDraft, textDrafts } from '../src/stores/drafts'
import { whenUnauthorized } from '../src/api/client'
import SignIn from '../src/views/SignIn.vue'
import FileRequest from '../src/views/citizen/FileRequest.vue'
import { fakeFetch, flush, json, problem, type Sent } from './setup'

const CATEGORIES = [{ code: 'water', name: { zh: '供水', en: 'Water supply' }, group: 'utilities',
  groupName: { zh: '公用事业', en: 'Utilities' }, handling: 'NORMAL', keywords: [] }]
const TOKENS: Record<string, unknown> = {
  'citizen-demo': { token: 'new', tokenType: 'Bearer', expiresIn: 3600, role: 'citizen', sub: 'citizen-demo', unitId: null },
  'staff-wansheng-health': { token: 'staff', tokenType: 'Bearer', expiresIn: 3600, role: 'unit_staff', sub: 'staff-wansheng-health', unitId: 'Z-WSJKQ-health' },
}

/** The API: the citizen's old token runs out between opening the form and sending it; a new one files the request. */
function api() {
  return fakeFetch((req: Sent) => {
    if (req.url === '/dev/tokens') {
      return json(201, TOKENS[(req.body as { sub: string }).sub])
    }
    if (req.url.startsWith('/api/v1/categories')) {
      return json(200, CATEGORIES)
    }
    if (req.url.startsWith('/api/v1/regions')) {
      return json(200, [])
    }
    const token = req.headers.Authorization
    if (!token || (token === 'Bearer old' && req.method === 'POST')) {
      return problem(401, { type: 'urn:minhu:problem:unauthenticated', title: 'Unauthorized', detail: 'token expired' })
    }
    if (req.method === 'GET') {
      return json(200, req.url.startsWith('/api/v1/petitions') ? { items: [], limit: 1 } : { items: [], limit: 100, offset: 0 })
    }
    return json(201, { id: 'p1', trackingNumber: 'CQ-20261202-000042', status: 'SUBMITTED', title: petitionDraft.title, submittedAt: '2026-12-02T10:00:00+08:00' })
  })
}

/** The app's routes that matter here, its guard and its 401 handling, on a memory router. */
async function app(path: string) {
  const stub = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: stub },
      { path: '/sign-in', name: 'sign-in', component: SignIn, meta: { public: true } },
      { path: '/file', name: 'file', component: FileRequest, meta: { roles: ['citizen'] } },
      { path: '/mine', name: 'mine', component: stub, meta: { roles: ['citizen'] } },
      { path: '/desk/cases', name: 'queue', component: stub, meta: { roles: ['unit_staff', 'governance'] } },
    ],
  })
  router.beforeEach(guard)
  installSessionExpiry(router)
  await router.push(path)
  await router.isReady()
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flush()
  return { wrapper, router }
}

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof app>>['wrapper']) {
  await wrapper.get('[data-test="title"]').setValue('解放碑片区停水')
  await wrapper.get('[data-test="description"]').setValue('今天上午起停水，没有收到通知。')
  Object.assign(petitionDraft, { categoryCode: 'water', place: ['500103'], contactName: '王小明', contactPhone: '13812341234' })
  await wrapper.get('[data-test="petition-form"]').trigger('submit')
  await flush(10)
}

describe('a token that runs out', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    endSession()
    startSession({ token: 'old', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    endSession()
    whenUnauthorized(() => {})
    document.body.innerHTML = ''
  })

  it('leads to sign-in and back to the half-written request, which is filed once with the same key', async () => {
    const { sent } = api()
    const { wrapper, router } = await app('/file')
    await fillAndSubmit(wrapper)

    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query).toEqual({ redirect: '/file', expired: '1' })
    expect(wrapper.find('[data-test="expired"]').exists()).toBe(true)
    expect(auth.token()).toBeNull()

    await wrapper.get('[data-test="sign-in-citizen"]').trigger('click')
    await flush(10)
    expect(router.currentRoute.value.fullPath).toBe('/file')
    expect((wrapper.get('[data-test="title"]').element as HTMLInputElement).value).toBe('解放碑片区停水')
    expect((wrapper.get('[data-test="description"]').element as HTMLTextAreaElement).value).toBe('今天上午起停水，没有收到通知。')
    expect((wrapper.get('[data-test="contact-phone"]').element as HTMLInputElement).value).toBe('13812341234')

    await wrapper.get('[data-test="petition-form"]').trigger('submit')
    await flush(10)
    const posts = sent.filter(r => r.method === 'POST' && r.url === '/api/v1/petitions')
    expect(posts).toHaveLength(2)
    expect(posts[0].headers.Authorization).toBe('Bearer old')
    expect(posts[1].headers.Authorization).toBe('Bearer new')
    expect(posts[1].headers['Idempotency-Key']).toBe(posts[0].headers['Idempotency-Key'])
    expect(posts[1].body).toEqual(posts[0].body)
    expect(wrapper.find('[data-test="filed"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('keeps nothing for someone else: signing in as another person drops the drafts', async () => {
    api()
    textDrafts['case-c1'] = 'reply being written'
    const { wrapper, router } = await app('/file')
    await fillAndSubmit(wrapper)
    expect(router.currentRoute.value.name).toBe('sign-in')

    await wrapper.get('[data-test="sign-in-health"]').trigger('click')
    await flush(10)
    expect(router.currentRoute.value.path).toBe('/desk/cases') // /file is not a clerk's page
    expect(petitionDraft.title).toBe('')
    expect(petitionDraft.contactPhone).toBe('')
    expect(textDrafts['case-c1']).toBeUndefined()
    wrapper.unmount()
  })

  it('a token found run out on navigation also leads to sign-in, saying so, and back', async () => {
    api()
    const { wrapper, router } = await app('/mine')
    startSession({ token: 'old', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() - 1 })
    await router.push('/file')
    expect(router.currentRoute.value.query).toEqual({ redirect: '/file', expired: '1' })
    wrapper.unmount()
    clearAllDrafts()
  })
})
