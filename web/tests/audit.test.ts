// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RouteLocationNormalized } from 'vue-router'
import AuditRequests from '../src/views/audit/AuditRequests.vue'
import AuditRequestDetail from '../src/views/audit/AuditRequestDetail.vue'
import { auth } from '../src/stores/auth'
import { guard } from '../src/router'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

const summary = (n: number) => ({
  id: `p${n}`, trackingNumber: `CQ-20261202-00000${n}`, status: 'ASSIGNED', title: `关坝镇卫生院周末不开门诊 ${n}`,
  category: { code: 'health', name: { zh: '医疗卫生', en: 'Health' } }, submittedAt: '2026-12-02T09:00:00+08:00',
})
const DETAIL = {
  ...summary(1), description: '周末去卫生院看病没有医生值班，电话 138****1234。',
  contact: { name: '王**', phone: '138****1234' },
  attachments: [{ id: 'a1', filename: 'clinic.png', contentType: 'image/png', size: 2048,
    url: '/api/v1/petitions/p1/attachments/a1', thumbnailUrl: '/api/v1/petitions/p1/attachments/a1/thumbnail' }],
  allowedActions: [],
  timeline: [
    { status: 'SUBMITTED', at: '2026-12-02T09:00:00+08:00', actorType: 'CITIZEN', note: 'Submitted via web', kind: 'STATUS' },
    { status: 'ASSIGNED', at: '2026-12-02T09:00:05+08:00', actorType: 'PLATFORM', note: 'Dispatched', kind: 'STATUS' },
  ],
}
const listed = (sent: Sent[]) => sent.filter(s => s.url.startsWith('/api/v1/petitions?'))
const Q_REASON = 'auditors may not search by personal data (a phone or ID number, an e-mail or street address, or five or more digits in a row)'

/** The catalogue answers empty, /petitions the handler. */
function auditApi(petitions: (req: Sent, url: URL) => Response) {
  return fakeFetch(req => {
    const url = new URL(req.url, 'http://x')
    if (url.pathname === '/api/v1/categories' || url.pathname === '/api/v1/regions') {
      return json(200, [])
    }
    return petitions(req, url)
  })
}

describe("the auditor's request screens", () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    auth.signIn({ token: 'tok', role: 'auditor', sub: 'auditor-demo', unitId: null, expiresAt: Date.now() + 60_000 })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('lists the masked summaries and reads the next page with nextCursor and the same filters', async () => {
    const { sent } = auditApi((_, url) => url.searchParams.get('cursor') === 'c2'
      ? json(200, { items: [summary(3)], limit: 20 })
      : json(200, { items: [summary(1), summary(2)], limit: 20, nextCursor: 'c2' }))
    const { wrapper } = await mountScreen(AuditRequests, '/audit/requests')
    await flush()
    expect(wrapper.findAll('[data-test="audit-requests"] li')).toHaveLength(2)
    expect(wrapper.text()).toContain('CQ-20261202-000001')
    expect(wrapper.get('[data-test="audit-requests"] a').attributes('href')).toBe('/audit/requests/p1')

    await wrapper.get('input[data-test="audit-q"]').setValue('停车')
    await wrapper.get('[data-test="audit-filters"]').trigger('submit')
    await flush()
    const first = new URL(listed(sent).at(-1)!.url, 'http://x')
    expect(first.searchParams.get('q')).toBe('停车')
    expect(first.searchParams.has('cursor')).toBe(false)
    expect(listed(sent).at(-1)!.headers.Authorization).toBe('Bearer tok')

    await wrapper.get('[data-test="audit-more"]').trigger('click')
    await flush()
    const more = new URL(listed(sent).at(-1)!.url, 'http://x')
    expect(more.searchParams.get('cursor')).toBe('c2')
    expect(more.searchParams.get('q')).toBe('停车')
    expect(wrapper.findAll('[data-test="audit-requests"] li')).toHaveLength(3)
    expect(wrapper.find('[data-test="audit-more"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the reason of a 400 on q under the search box', async () => {
    auditApi((_, url) => url.searchParams.has('q')
      ? problem(400, { type: 'urn:minhu:problem:validation', title: 'Invalid parameter', errors: [{ field: 'q', reason: Q_REASON }] })
      : json(200, { items: [summary(1)], limit: 20 }))
    const { wrapper } = await mountScreen(AuditRequests, '/audit/requests')
    await flush()
    await wrapper.get('input[data-test="audit-q"]').setValue('13812341234')
    await wrapper.get('[data-test="audit-filters"]').trigger('submit')
    await flush()
    await new Promise(r => setTimeout(r, 150)) // Element Plus shows a form item's error after a debounce
    const item = wrapper.get('input[data-test="audit-q"]').element.closest('.el-form-item') as HTMLElement
    expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe(Q_REASON)
    expect(wrapper.findAll('.el-form-item__error')).toHaveLength(1)
    wrapper.unmount()
  })

  it('shows one request with the masked contact, its timeline and attachment names, and no action', async () => {
    const { sent } = auditApi((_, url) => url.pathname === '/api/v1/petitions/p1' ? json(200, DETAIL) : json(404, {}))
    const { wrapper } = await mountScreen(AuditRequestDetail, '/audit/requests/p1')
    await flush()
    expect(wrapper.get('[data-test="audit-contact"]').text()).toBe('王** 138****1234')
    expect(wrapper.text()).toContain('clinic.png')
    expect(wrapper.text()).toContain('已派单')
    expect(wrapper.findAll('main button')).toHaveLength(0)
    // names only: no attachment content or thumbnail is fetched
    expect(sent.filter(s => s.url.includes('/attachments/'))).toEqual([])
    wrapper.unmount()
  })

  it('is for auditors only', () => {
    const to = (path: string) => ({ path, fullPath: path, meta: { roles: ['auditor'] } }) as unknown as RouteLocationNormalized
    expect(guard(to('/audit/requests'))).toBe(true)
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    expect(guard(to('/audit/requests/p1'))).toBe('/file')
  })
})
