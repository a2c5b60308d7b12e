// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CaseDetail from '../src/views/desk/CaseDetail.vue'
import { auth, type Role } from '../src/stores/auth'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'
import { i18n } from '../src/i18n'

const CASE = {
  id: 'c1', petitionId: 'p1', trackingNumber: 'CQ-20261202-000009', title: '南坪路灯不亮', categoryCode: 'streetlights',
  handling: 'NORMAL', regionCode: '500108', status: 'ANSWERED', leadUnitId: '500108-city', answerDeadline: '2026-12-09T18:00:00+08:00',
  overdue: false, returnCount: 0, flagged: false, finalRuling: false, reopenCount: 0, allowedActions: [], history: [],
}
const PETITION = { id: 'p1', trackingNumber: 'CQ-20261202-000009', status: 'ANSWERED', title: '南坪路灯不亮', channel: 'hotline',
  submittedAt: '2026-12-02T09:00:00+08:00' }
const OPEN = { petitionId: 'p1', openRound: 1, rounds: [{ round: 1, unitId: '500108-city', answeredAt: '2026-12-03T10:00:00+08:00',
  windowClosesAt: '2026-12-10T10:00:00+08:00', status: 'OPEN', reopened: false }] }

function answer(petition: object, feedback: object | (() => object), rate?: (req: Sent) => Response) {
  return (req: Sent) => {
    if (req.url === '/api/v1/petitions/p1/feedback') {
      return req.method === 'POST' && rate ? rate(req) : json(200, typeof feedback === 'function' ? feedback() : feedback)
    }
    if (req.url.startsWith('/api/v1/cases/')) {
      return json(200, CASE)
    }
    if (req.url === '/api/v1/petitions/p1') {
      return json(200, petition)
    }
    return json(200, [])
  }
}

function signIn(role: Role) {
  auth.signIn({ token: `tok-${role}`, role, sub: role, unitId: role === 'governance' ? '500108-gc' : '500108-city', expiresAt: Date.now() + 60_000 })
}

async function rate(wrapper: any, satisfaction: string, solved: string) {
  const pick = async (group: string, value: string) => {
    const input = wrapper.findAll(`[data-test="${group}"] input`).find((i: any) => (i.element as HTMLInputElement).value === value)
    await input.setValue(true)
  }
  await pick('call-back-satisfaction', satisfaction)
  await pick('call-back-solved', solved)
  await wrapper.get('[data-test="call-back-form"]').trigger('submit')
  await flush()
}

describe('call-back ratings (回访) at the governance centre', () => {
  beforeEach(() => signIn('governance'))
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('a hotline petition with an open round: the centre records the rating on channel hotline, and the case is read again', async () => {
    const { sent } = fakeFetch(answer(PETITION, OPEN, () => json(201, { petitionId: 'p1', round: 1, satisfaction: 'UNSATISFIED',
      solved: 'NOT_SOLVED', channel: 'hotline', callBack: true, reopensCase: true })))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.get('[data-test="call-back"]').text()).toContain(i18n.global.t('callBack.hotlinePetition'))
    await rate(wrapper, 'UNSATISFIED', 'NOT_SOLVED')
    const posts = sent.filter(s => s.method === 'POST')
    expect(posts).toMatchObject([{ url: '/api/v1/petitions/p1/feedback', headers: { Authorization: 'Bearer tok-governance' },
      body: { satisfaction: 'UNSATISFIED', solved: 'NOT_SOLVED', channel: 'hotline' } }])
    expect(wrapper.get('[data-test="call-back-recorded"]').text()).toContain(i18n.global.t('detail.reopened'))
    expect(sent.filter(s => s.method === 'GET' && s.url === '/api/v1/cases/c1')).toHaveLength(2)
    wrapper.unmount()
  })

  it('a web petition whose petitioner has not accepted a call-back offers no form: the petitioner rates it', async () => {
    fakeFetch(answer({ ...PETITION, channel: 'web' }, OPEN))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.find('[data-test="call-back-form"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a web petition whose petitioner accepted a call-back for the round offers the form', async () => {
    const accepted = { ...OPEN, rounds: [{ ...OPEN.rounds[0], callBackAcceptedAt: '2026-12-03T12:00:00+08:00' }] }
    fakeFetch(answer({ ...PETITION, channel: 'web' }, accepted))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.find('[data-test="call-back-form"]').exists()).toBe(true)
    expect(wrapper.get('[data-test="call-back"]').text()).toContain('2026/12/03 12:00')
    wrapper.unmount()
  })

  it('no open round (already rated), or a unit\'s clerk: no form, and the clerk never asks for the ratings', async () => {
    const rated = { petitionId: 'p1', rounds: [{ ...OPEN.rounds[0], status: 'RATED' }] }
    fakeFetch(answer(PETITION, rated))
    const first = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(first.wrapper.find('[data-test="call-back-form"]').exists()).toBe(false)
    first.wrapper.unmount()

    auth.signOut()
    signIn('unit_staff')
    const { sent } = fakeFetch(answer(PETITION, OPEN))
    const second = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(second.wrapper.find('[data-test="call-back"]').exists()).toBe(false)
    expect(sent.some(s => s.url.endsWith('/feedback'))).toBe(false)
    second.wrapper.unmount()
  })

  it('a 409 (rated meanwhile) shows the service\'s reason and the form goes away with the round', async () => {
    let rounds: object = OPEN
    fakeFetch(answer(PETITION, () => rounds, () => {
      rounds = { petitionId: 'p1', rounds: [{ ...OPEN.rounds[0], status: 'RATED' }] }
      return problem(409, { type: 'urn:minhu:problem:conflict', detail: 'Round 1 of petition p1 was already rated' })
    }))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await rate(wrapper, 'SATISFIED', 'SOLVED')
    expect(wrapper.get('[data-test="call-back-error"]').text()).toContain('Round 1 of petition p1 was already rated')
    expect(wrapper.find('[data-test="call-back-form"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
