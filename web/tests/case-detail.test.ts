// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CaseDetail from '../src/views/desk/CaseDetail.vue'
import { auth } from '../src/stores/auth'
import { fakeFetch, flush, json, problem } from './setup'
import { mountScreen } from './mount'
import { i18n } from '../src/i18n'

const CASE = {
  id: 'c1', petitionId: 'p1', trackingNumber: 'CQ-20261202-000007', title: '关坝镇卫生院周末不开门诊', categoryCode: 'health',
  handling: 'NORMAL', regionCode: 'Z-WSJKQ', status: 'ASSIGNED', leadUnitId: 'Z-WSJKQ-health', answerDeadline: '2026-12-09T18:00:00+08:00',
  overdue: false, returnCount: 0, flagged: false, finalRuling: false, reopenCount: 0, allowedActions: ['sign', 'return'], history: [],
}

const PETITION = {
  id: 'p1', trackingNumber: 'CQ-20261202-000007', status: 'ASSIGNED', title: '关坝镇卫生院周末不开门诊',
  description: '关坝镇卫生院周末不开门诊，老人看病要去城区。', town: { code: 'Z-WSJKQ-GUANBA', name: { zh: '关坝镇', en: 'Guanba' } },
  location: { address: '万盛经开区关坝镇中心卫生院' }, contact: { name: '王小明', phone: '13812341234' },
  submittedAt: '2026-12-02T09:00:00+08:00',
}

describe('a case at the desk', () => {
  beforeEach(() => auth.signIn({ token: 'tok', role: 'unit_staff', sub: 's', unitId: 'Z-WSJKQ-health', expiresAt: Date.now() + 60_000 }))
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('offers only the actions allowedActions lists', async () => {
    fakeFetch(req => req.url.startsWith('/api/v1/cases/') ? json(200, CASE) : json(200, []))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    const offered = wrapper.findAll('[data-test^="action-"]').map(b => b.attributes('data-test'))
    expect(offered).toEqual(['action-sign', 'action-return'])
    wrapper.unmount()
  })

  it('a 409 says why and shows the case as it is now', async () => {
    let state = CASE
    const { sent } = fakeFetch(req => {
      if (req.method === 'POST') {
        state = { ...CASE, status: 'SIGNED', allowedActions: ['answer', 'request-extension'] }
        return problem(409, { type: 'urn:minhu:problem:conflict', detail: 'The case is SIGNED; sign is not allowed now',
          allowedActions: ['answer', 'request-extension'] })
      }
      return req.url.startsWith('/api/v1/cases/') ? json(200, state) : json(200, [])
    })
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('[data-test="action-sign"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'POST').map(s => s.url)).toEqual(['/api/v1/cases/c1/sign'])
    expect(document.body.textContent).toContain('The case is SIGNED; sign is not allowed now')
    expect(wrapper.findAll('[data-test^="action-"]').map(b => b.attributes('data-test'))).toEqual(['action-answer', 'action-request-extension'])
    expect(sent.filter(s => s.method === 'GET' && s.url === '/api/v1/cases/c1')).toHaveLength(2)
    wrapper.unmount()
  })

  it('shows the request behind the case: description, address and contact, from GET /api/v1/petitions/{id}', async () => {
    const { sent } = fakeFetch(req => req.url.startsWith('/api/v1/cases/') ? json(200, CASE)
      : req.url === '/api/v1/petitions/p1' ? json(200, PETITION) : json(200, []))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(sent.filter(s => s.url === '/api/v1/petitions/p1')).toHaveLength(1)
    expect(wrapper.get('[data-test="request-description"]').text()).toBe(PETITION.description)
    expect(wrapper.get('[data-test="request-address"]').text()).toBe('万盛经开区关坝镇中心卫生院')
    expect(wrapper.get('[data-test="request-contact"]').text()).toContain('王小明')
    expect(wrapper.get('[data-test="request-contact"] a').attributes('href')).toBe('tel:13812341234')
    expect(wrapper.get('[data-test="request"]').text()).toContain('关坝镇')
    wrapper.unmount()
  })

  it('a request the API does not show the caller (404) says so, and the case stays usable', async () => {
    fakeFetch(req => req.url.startsWith('/api/v1/cases/') ? json(200, CASE)
      : req.url.startsWith('/api/v1/petitions/') ? problem(404, { type: 'urn:minhu:problem:not-found', detail: 'No request p1' })
      : json(200, []))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.get('[data-test="request-hidden"]').text()).toBe(i18n.global.t('case.requestHidden'))
    expect(wrapper.find('[data-test="request-contact"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-test^="action-"]').map(b => b.attributes('data-test'))).toEqual(['action-sign', 'action-return'])
    wrapper.unmount()
  })

  it('a request that cannot be loaded (the service down) shows an error beside the case', async () => {
    fakeFetch(req => req.url.startsWith('/api/v1/cases/') ? json(200, CASE)
      : req.url.startsWith('/api/v1/petitions/') ? problem(503, { type: 'urn:minhu:problem:unavailable', detail: 'down' })
      : json(200, []))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.find('[data-test="request-error"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="request-hidden"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="case"]').text()).toContain(CASE.title)
    wrapper.unmount()
  })
  it('the history tells the petitioner\'s addition and withdrawal, and a withdrawn case offers nothing', async () => {
    const withdrawn = { ...CASE, status: 'WITHDRAWN', allowedActions: [], history: [
      { action: 'dispatch', toStatus: 'ASSIGNED', unitId: 'Z-WSJKQ-health', actor: 'platform', at: '2026-12-02T09:00:05+08:00' },
      { action: 'addition', fromStatus: 'ASSIGNED', toStatus: 'ASSIGNED', actor: 'petitioner', reason: '周六上午也不开门。',
        at: '2026-12-02T09:30:00+08:00' },
      { action: 'withdraw', fromStatus: 'ASSIGNED', toStatus: 'WITHDRAWN', actor: 'petitioner', reason: 'DUPLICATE: 已在另一件诉求中反映',
        at: '2026-12-02T10:00:00+08:00' },
    ] }
    fakeFetch(req => req.url.startsWith('/api/v1/cases/') ? json(200, withdrawn)
      : req.url === '/api/v1/petitions/p1' ? json(200, PETITION) : json(200, []))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    const rows = () => wrapper.findAll('[data-test="history"] tbody tr').map(r => r.findAll('td').map(c => c.text()))
    expect(rows()[1].slice(1)).toEqual(['诉求人补充', '待签收 → 待签收', '', '诉求人', '周六上午也不开门。'])
    expect(rows()[2].slice(1)).toEqual(['诉求人撤回', '待签收 → 已撤回', '', '诉求人', '重复提交: 已在另一件诉求中反映'])
    expect(wrapper.get('[data-test="case-status"]').text()).toBe('已撤回')
    expect(wrapper.get('[data-test="withdrawn"]').text()).toBe(i18n.global.t('case.withdrawn'))
    expect(wrapper.findAll('[data-test^="action-"]')).toHaveLength(0)
    expect(wrapper.find('[data-test="no-actions"]').exists()).toBe(true)

    i18n.global.locale.value = 'en'
    await flush()
    expect(rows()[1].slice(1, 5)).toEqual(['Information added', 'To sign → To sign', '', 'The petitioner'])
    expect(rows()[2][1]).toBe('Withdrawn')
    expect(rows()[2][5]).toBe('Duplicate: 已在另一件诉求中反映')
    i18n.global.locale.value = 'zh-CN'
    wrapper.unmount()
  })
})
