// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CaseDetail from '../src/views/desk/CaseDetail.vue'
import { auth } from '../src/stores/auth'
import { fakeFetch, flush, json, problem } from './setup'
import { mountScreen } from './mount'

const CASE = {
  id: 'c1', petitionId: 'p1', trackingNumber: 'CQ-20261202-000007', title: '关坝镇卫生院周末不开门诊', categoryCode: 'health',
  handling: 'NORMAL', regionCode: 'Z-WSJKQ', status: 'ASSIGNED', leadUnitId: 'Z-WSJKQ-health', answerDeadline: '2026-12-09T18:00:00+08:00',
  overdue: false, returnCount: 0, flagged: false, finalRuling: false, reopenCount: 0, allowedActions: ['sign', 'return'], history: [],
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
})
