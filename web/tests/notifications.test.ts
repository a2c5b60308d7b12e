// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import InboxBell from '../src/components/InboxBell.vue'
import Inbox from '../src/views/inbox/Inbox.vue'
import NotificationPreferences from '../src/views/inbox/NotificationPreferences.vue'
import Deliveries from '../src/views/desk/Deliveries.vue'
import RequestDetail from '../src/views/citizen/RequestDetail.vue'
import CaseQueue from '../src/views/desk/CaseQueue.vue'
import { POLL_MS, markAllRead, routeOf, type Notification } from '../src/api/notifications'
import { whenUnauthorized } from '../src/api/client'
import { auth, type Role } from '../src/stores/auth'
import { inbox } from '../src/stores/inbox'
import type { RouteLocationNormalized } from 'vue-router'
import { guard, router } from '../src/router'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

function signIn(role: Role) {
  auth.signIn({ token: `tok-${role}`, role, sub: `${role}-demo`, unitId: role === 'unit_staff' ? 'Z-WSJKQ-health' : null, expiresAt: Date.now() + 60_000 })
}
const noContent = () => new Response(null, { status: 204 })
/** Element Plus shows a form item's error after a 100 ms debounce. */
const settle = () => new Promise(r => setTimeout(r, 150))

const note = (n: number, read = false): Notification => ({
  id: `n${n}`, kind: 'ANSWERED', petitionId: `p${n}`, caseId: `c${n}`, trackingNumber: `CQ-20261203-00000${n}`,
  subject: `您的诉求 CQ-20261203-00000${n} 已答复`, body: '承办单位已答复，请查看并评价。', link: `/requests/p${n}`,
  createdAt: '2026-12-03T09:30:00Z', readAt: read ? '2026-12-03T10:00:00Z' : null,
})
const listed = (sent: Sent[]) => sent.filter(s => s.method === 'GET' && s.url.startsWith('/api/v1/notifications'))

let visibility: DocumentVisibilityState = 'visible'
function setVisibility(v: DocumentVisibilityState) {
  visibility = v
  document.dispatchEvent(new Event('visibilitychange'))
}

describe('notifications (消息通知)', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    visibility = 'visible'
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    auth.signOut()
    inbox.unread = null
    i18n.global.locale.value = 'zh-CN'
  })

  it('the bell shows the unread count, and the inbox\'s "mark all read" clears it', async () => {
    signIn('citizen')
    let unread = 2
    const { sent } = fakeFetch(req => {
      if (req.method === 'POST' && req.url === '/api/v1/notifications/read-all') {
        unread = 0
        return noContent()
      }
      return json(200, { items: [note(1), note(2), note(3, true)].slice(0, new URL(req.url, 'http://x').searchParams.get('limit') === '1' ? 1 : 3), unread })
    })
    const Host = defineComponent({ render: () => h('div', [h(InboxBell), h(Inbox)]) })
    const { wrapper } = await mountScreen(Host, '/inbox')
    await flush()
    expect(wrapper.get('[data-test="inbox-count"]').text()).toBe('2')
    expect(wrapper.get('[data-test="inbox-bell"]').attributes('aria-label')).toBe('消息，2 条未读')
    // asked with the token and the UI's language, which the service renders the subjects in
    expect(listed(sent)[0].headers.Authorization).toBe('Bearer tok-citizen')
    expect(listed(sent)[0].headers['Accept-Language']).toBe('zh-CN')
    expect(wrapper.findAll('[data-test="notification"]')).toHaveLength(3)
    expect(wrapper.findAll('[data-test="notification-new"]')).toHaveLength(2)

    await wrapper.get('[data-test="inbox-read-all"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'POST').map(s => s.url)).toEqual(['/api/v1/notifications/read-all'])
    expect(sent.find(s => s.method === 'POST')!.headers.Authorization).toBe('Bearer tok-citizen')
    expect(wrapper.find('[data-test="inbox-count"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="inbox-bell"]').attributes('aria-label')).toBe('消息')
    expect(wrapper.findAll('[data-test="notification-new"]')).toHaveLength(0)
    expect(wrapper.get('[data-test="inbox-unread"]').text()).toBe('0 条未读')
    wrapper.unmount()
  })

  it('opening a notification marks it read and goes to its request; the unit\'s go to the case', async () => {
    signIn('citizen')
    const { sent } = fakeFetch(req => req.method === 'POST' ? noContent() : json(200, { items: [note(1), note(2, true)], unread: 1 }))
    const { wrapper, router } = await mountScreen(Inbox, '/inbox')
    await flush()
    await wrapper.findAll('[data-test="notification-open"]')[0].trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'POST').map(s => s.url)).toEqual(['/api/v1/notifications/n1/read'])
    expect(router.currentRoute.value.fullPath).toBe('/mine/p1')
    expect(inbox.unread).toBe(0)

    // an already read one is not marked again
    await router.push('/inbox')
    await wrapper.findAll('[data-test="notification-open"]')[1].trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'POST')).toHaveLength(1)
    expect(router.currentRoute.value.fullPath).toBe('/mine/p2')
    wrapper.unmount()

    expect(routeOf({ ...note(3), kind: 'CASE_NEW', link: '/cases/c9' }, 'unit_staff')).toBe('/desk/cases/c9')
    expect(routeOf({ ...note(3), link: '/api/v1/petitions/p9' }, 'citizen')).toBe('/mine/p9')
    expect(routeOf({ ...note(3), link: 'https://elsewhere.example/x' }, 'unit_staff')).toBe('/desk/cases/c3')
    expect(routeOf({ ...note(3), link: null, petitionId: null }, 'citizen')).toBeNull()
  })

  it('the bell asks every 30 s while the tab is visible, stops when it is hidden, and a failure shows no count', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    signIn('unit_staff')
    let fail = false
    const { sent } = fakeFetch(() => fail ? problem(503, { title: 'Service Unavailable' }) : json(200, { items: [], unread: 4 }))
    const { wrapper } = await mountScreen(InboxBell, '/desk/cases')
    await flush()
    expect(listed(sent)).toHaveLength(1)
    expect(new URL(listed(sent)[0].url, 'http://x').searchParams.get('limit')).toBe('1')
    expect(wrapper.get('[data-test="inbox-count"]').text()).toBe('4')

    vi.advanceTimersByTime(POLL_MS)
    await flush()
    expect(listed(sent)).toHaveLength(2)

    setVisibility('hidden')
    vi.advanceTimersByTime(POLL_MS * 5)
    await flush()
    expect(listed(sent)).toHaveLength(2)

    // shown again: asked at once, then on the 30 s beat; a failing service leaves no count and no error
    fail = true
    setVisibility('visible')
    await flush()
    expect(listed(sent)).toHaveLength(3)
    expect(wrapper.find('[data-test="inbox-count"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="inbox-bell"]').text()).toContain('消息')
    vi.advanceTimersByTime(POLL_MS)
    await flush()
    expect(listed(sent)).toHaveLength(4)

    wrapper.unmount()
    vi.advanceTimersByTime(POLL_MS * 3)
    await flush()
    expect(listed(sent)).toHaveLength(4)
  })

  it('a 401 on the poll is not reported as an expired session (no trip to sign-in); the same 401 on a call the user made is', async () => {
    signIn('citizen')
    const expired = vi.fn()
    whenUnauthorized(expired)
    fakeFetch(() => problem(401, { title: 'Unauthorized' }))
    const { wrapper, router } = await mountScreen(InboxBell, '/mine')
    await flush()
    expect(expired).not.toHaveBeenCalled()
    expect(router.currentRoute.value.fullPath).toBe('/mine')
    expect(auth.role()).toBe('citizen')
    expect(wrapper.find('[data-test="inbox-count"]').exists()).toBe(false)
    wrapper.unmount()
    await markAllRead().catch(() => null)
    expect(expired).toHaveBeenCalledTimes(1)
    whenUnauthorized(() => {})
  })

  it('preferences: a 400 naming email.address shows under the e-mail field and nowhere else', async () => {
    signIn('citizen')
    const saved = { locale: 'zh-CN', email: { address: null, enabled: false }, webhook: { url: null, enabled: false }, quietHours: null }
    const { sent } = fakeFetch(req => req.method === 'PUT'
      ? problem(400, { type: 'urn:minhu:problem:validation', title: 'Invalid input', errors: [{ field: 'email.address', reason: 'must be a well-formed email address' }] })
      : json(200, saved))
    const { wrapper } = await mountScreen(NotificationPreferences, '/settings/notifications')
    await flush()
    await wrapper.get('[data-test="prefs-email-enabled"] input').setValue(true)
    await wrapper.get('input[data-test="prefs-email-address"]').setValue('not-an-address')
    await wrapper.get('[data-test="prefs-quiet"] input').setValue(true)
    await wrapper.get('[data-test="prefs-form"]').trigger('submit')
    await flush()
    await settle()
    const put = sent.find(s => s.method === 'PUT')!
    expect(put.url).toBe('/api/v1/notification-preferences')
    expect(put.headers.Authorization).toBe('Bearer tok-citizen')
    expect(put.body).toEqual({ locale: 'zh-CN', email: { address: 'not-an-address', enabled: true }, webhook: { url: null, enabled: false },
      quietHours: { start: '22:00', end: '08:00' } })
    expect(wrapper.get('[data-test="field-email-address"] .el-form-item__error').text()).toBe('must be a well-formed email address')
    expect(wrapper.findAll('.el-form-item__error')).toHaveLength(1)
    expect(wrapper.get('[data-test="prefs-error"]').text()).toContain('请修改标出的内容')
    expect(wrapper.find('[data-test="prefs-saved"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('preferences: e-mail switched on without an address is refused on its field with nothing sent; unit staff set their unit\'s', async () => {
    signIn('unit_staff')
    const { sent } = fakeFetch(req => req.method === 'PUT' ? json(200, JSON.parse(JSON.stringify(req.body)))
      : json(200, { locale: 'en', email: { address: 'desk@example.gov.cn', enabled: false }, webhook: { url: null, enabled: false }, quietHours: { start: '21:00', end: '07:30' } }))
    const { wrapper } = await mountScreen(NotificationPreferences, '/desk/notifications')
    await flush()
    expect(wrapper.get('h1').text()).toBe('本单位消息设置')
    expect(wrapper.text()).toContain('Z-WSJKQ-health')
    await wrapper.get('input[data-test="prefs-email-address"]').setValue('')
    await wrapper.get('[data-test="prefs-email-enabled"] input').setValue(true)
    await wrapper.get('[data-test="prefs-form"]').trigger('submit')
    await flush()
    await settle()
    expect(sent.filter(s => s.method === 'PUT')).toHaveLength(0)
    expect(wrapper.get('[data-test="field-email-address"] .el-form-item__error').text()).toBe('开启电子邮件通知需要填写地址')

    await wrapper.get('input[data-test="prefs-email-address"]').setValue('desk@example.gov.cn')
    await wrapper.get('[data-test="prefs-form"]').trigger('submit')
    await flush()
    expect(sent.find(s => s.method === 'PUT')!.body).toEqual({ locale: 'en', email: { address: 'desk@example.gov.cn', enabled: true },
      webhook: { url: null, enabled: false }, quietHours: { start: '21:00', end: '07:30' } })
    expect(wrapper.find('[data-test="prefs-saved"]').exists()).toBe(true)
    wrapper.unmount()
  })

  const DELIVERIES = [
    { id: 'd1', notificationId: 'n1', kind: 'ANSWERED', channel: 'EMAIL', to: 'w***@example.com', status: 'SENT', attempts: 1, createdAt: '2026-12-03T01:00:00Z', sentAt: '2026-12-03T01:00:05Z' },
    { id: 'd2', notificationId: 'n1', kind: 'ANSWERED', channel: 'WEBHOOK', to: 'https://hooks.example.com/…', status: 'FAILED', attempts: 5, lastError: 'HTTP 500', createdAt: '2026-12-03T01:00:00Z', sentAt: null },
    { id: 'd3', notificationId: 'n2', kind: 'ACCEPTED', channel: 'EMAIL', to: 'w***@example.com', status: 'PENDING', attempts: 0, createdAt: '2026-12-03T02:00:00Z', sentAt: null },
    { id: 'd4', notificationId: 'n3', kind: 'RATING_CLOSING', channel: 'EMAIL', to: 'w***@example.com', status: 'HELD', attempts: 0, createdAt: '2026-12-03T15:00:00Z', sentAt: null },
  ]

  it('the admin\'s list says every delivery status in zh-CN and en, dates in China time', async () => {
    signIn('admin')
    const { sent } = fakeFetch(() => json(200, { items: DELIVERIES }))
    const { wrapper } = await mountScreen(Deliveries, '/desk/deliveries')
    await flush()
    const statuses = () => wrapper.findAll('[data-test="delivery-status"]').map(s => s.text())
    expect(statuses()).toEqual(['已发送', '发送失败', '等待发送', '暂缓发送'])
    expect(wrapper.findAll('[data-test="delivery-channel"]').map(s => s.text())).toEqual(['电子邮件', 'Webhook', '电子邮件', '电子邮件'])
    expect(wrapper.text()).toContain('最近一次错误：HTTP 500')
    // 01:00:05Z is 09:00 in China
    expect(wrapper.text()).toContain('2026/12/03 09:00')
    const asked = new URL(sent[0].url, 'http://x')
    expect(asked.pathname).toBe('/api/v1/notification-deliveries')
    expect(asked.searchParams.has('petitionId')).toBe(false)

    i18n.global.locale.value = 'en'
    await flush()
    expect(statuses()).toEqual(['Sent', 'Failed', 'Pending', 'Held'])
    expect(wrapper.text()).toContain('Last error: HTTP 500')
    expect(wrapper.text()).toContain('Request answered')

    await wrapper.get('input[data-test="deliveries-petition"]').setValue('p7')
    await wrapper.get('[data-test="deliveries-filter"]').trigger('submit')
    await flush()
    expect(new URL(sent.at(-1)!.url, 'http://x').searchParams.get('petitionId')).toBe('p7')
    expect(sent.at(-1)!.headers.Authorization).toBe('Bearer tok-admin')
    wrapper.unmount()
  })

  it('the citizen\'s request shows the messages sent about it; a failing deliveries call leaves the page as it was', async () => {
    signIn('citizen')
    const petition = { id: 'p1', trackingNumber: 'CQ-20261203-000001', status: 'ANSWERED', title: '路灯不亮', description: '小区门口路灯坏了。',
      submittedAt: '2026-12-03T01:00:00Z', allowedActions: [], timeline: [] }
    let deliveries: () => Response = () => json(200, { items: DELIVERIES.slice(0, 2) })
    const { sent } = fakeFetch(req => {
      const url = new URL(req.url, 'http://x')
      if (url.pathname === '/api/v1/notification-deliveries') {
        return deliveries()
      }
      if (url.pathname.endsWith('/feedback')) {
        return problem(404, { title: 'Not Found' })
      }
      return json(200, petition)
    })
    let { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    const asked = new URL(sent.find(s => s.url.startsWith('/api/v1/notification-deliveries'))!.url, 'http://x')
    expect(asked.searchParams.get('petitionId')).toBe('p1')
    const section = wrapper.get('[data-test="sent-messages"]')
    expect(section.text()).toContain('已发送的消息')
    expect(section.findAll('[data-test="delivery-status"]').map(s => s.text())).toEqual(['已发送', '发送失败'])
    wrapper.unmount()

    const expired = vi.fn()
    whenUnauthorized(expired)
    for (const status of [503, 401]) {
      deliveries = () => problem(status, { title: 'refused' })
      ;({ wrapper } = await mountScreen(RequestDetail, '/mine/p1'))
      await flush()
      expect(wrapper.find('[data-test="sent-messages"]').exists()).toBe(false)
      expect(wrapper.get('[data-test="petition"]').text()).toContain('路灯不亮')
      wrapper.unmount()
    }
    expect(expired).not.toHaveBeenCalled()
    whenUnauthorized(() => {})
  })

  it('the queue links unit staff to their unit\'s notification settings, not the centre', async () => {
    fakeFetch(req => new URL(req.url, 'http://x').pathname === '/api/v1/cases/counts' ? json(200, { total: 0 }) : json(200, req.url.startsWith('/api/v1/cases') ? { items: [] } : []))
    signIn('unit_staff')
    let { wrapper } = await mountScreen(CaseQueue, '/desk/cases')
    await flush()
    expect(wrapper.get('[data-test="unit-notification-settings"]').attributes('href')).toBe('/desk/notifications')
    wrapper.unmount()
    signIn('governance')
    ;({ wrapper } = await mountScreen(CaseQueue, '/desk/cases'))
    await flush()
    expect(wrapper.find('[data-test="unit-notification-settings"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('the routes: the inbox for citizens and unit staff, each their own settings, the deliveries for the admin', () => {
    const to = (path: string) => router.resolve(path) as unknown as RouteLocationNormalized
    signIn('citizen')
    expect(guard(to('/inbox'))).toBe(true)
    expect(guard(to('/settings/notifications'))).toBe(true)
    expect(guard(to('/desk/notifications'))).toBe('/file')
    expect(guard(to('/desk/deliveries'))).toBe('/file')
    signIn('unit_staff')
    expect(guard(to('/inbox'))).toBe(true)
    expect(guard(to('/desk/notifications'))).toBe(true)
    expect(guard(to('/settings/notifications'))).toBe('/desk/cases')
    signIn('governance')
    expect(guard(to('/inbox'))).toBe('/desk/returns')
    signIn('admin')
    expect(guard(to('/desk/deliveries'))).toBe(true)
    expect(guard(to('/inbox'))).toBe('/desk/units')
  })
})

describe("a message's link to a request", () => {
  it('opens the citizen’s own request, the auditor’s masked view, and the staff’s queue', async () => {
    const { requestLink } = await import('../src/router')
    expect(requestLink('citizen', 'p-1')).toBe('/mine/p-1')
    expect(requestLink('auditor', 'p-1')).toBe('/audit/requests/p-1')
    expect(requestLink('unit_staff', 'p-1')).toBe('/desk/cases')
    expect(requestLink('governance', 'p-1')).toBe('/desk/returns')
    expect(requestLink(null, 'p-1')).toBe('/sign-in')
  })
})
