// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElSelect } from 'element-plus'
import CaseDetail from '../src/views/desk/CaseDetail.vue'
import RequestDetail from '../src/views/citizen/RequestDetail.vue'
import { auth } from '../src/stores/auth'
import { i18n } from '../src/i18n'
import { closureOf } from '../src/api/petitions'
import { handOffProblems, parseClosure } from '../src/api/cases'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

/** 不予受理 and hand-off: the centre's two closing actions at the desk, and what the petitioner is shown. */

const CASE = {
  id: 'c1', petitionId: 'p1', trackingNumber: 'CQ-20261202-000009', title: '公司拖欠三个月工资', categoryCode: 'labour',
  handling: 'NORMAL', regionCode: '500108', status: 'ASSIGNED', leadUnitId: '500108-hrss', answerDeadline: '2026-12-09T18:00:00+08:00',
  overdue: false, returnCount: 0, flagged: false, finalRuling: false, reopenCount: 0,
  allowedActions: ['add-co-handler', 'refuse', 'hand-off'], history: [],
}

const posts = (sent: Sent[]) => sent.filter(s => s.method === 'POST')

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const errorUnder = (wrapper: any, selector: string) =>
  (wrapper.get(selector).element.closest('.el-form-item') as HTMLElement).querySelector('.el-form-item__error')?.textContent?.trim() ?? null

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function choose(wrapper: any, dataTest: string, value: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const select = wrapper.findAllComponents(ElSelect).find((s: any) => s.attributes('data-test') === dataTest)
  expect(select, dataTest).toBeTruthy()
  select.vm.$emit('update:modelValue', value)
  await flush()
}

/** The case answers `state()`; POSTs go to `post`; the request behind it is not shown (404). */
function caseApi(state: () => object, post: (req: Sent) => Response | Promise<Response>) {
  return fakeFetch(req => req.method === 'POST' ? post(req)
    : req.url === '/api/v1/cases/c1' ? json(200, state())
      : req.url.startsWith('/api/v1/petitions/') ? problem(404, { type: 'urn:minhu:problem:not-found' })
        : json(200, []))
}

describe('the centre refuses (不予受理) or hands off a case', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    auth.signIn({ token: 'tok', role: 'governance', sub: 'gc', unitId: '500108-gc', expiresAt: Date.now() + 60_000 })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    i18n.global.locale.value = 'zh-CN'
  })

  it('offers refuse and hand-off only when allowedActions lists them', async () => {
    caseApi(() => ({ ...CASE, allowedActions: ['add-co-handler'] }), () => json(500, {}))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.findAll('[data-test^="action-"]').map(b => b.attributes('data-test'))).toEqual(['action-add-co-handler'])
    wrapper.unmount()

    caseApi(() => CASE, () => json(500, {}))
    const again = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(again.wrapper.findAll('[data-test^="action-"]').map(b => b.attributes('data-test')))
      .toEqual(['action-add-co-handler', 'action-refuse', 'action-hand-off'])
    expect(again.wrapper.get('[data-test="action-refuse"]').text()).toBe('不予受理')
    again.wrapper.unmount()
  })

  it('a refusal asks first, then sends reasonCode, route and reason; a 400 lands on its field', async () => {
    const { sent } = caseApi(() => CASE, () => problem(400, {
      type: 'urn:minhu:problem:validation', title: 'Invalid request', detail: 'Invalid value for: route',
      errors: [{ field: 'route', reason: 'is required; one of LITIGATION, ARBITRATION, ADMINISTRATIVE_REVIEW, XINFANG, INFORMATION_DISCLOSURE, NONE' }],
    }))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('[data-test="action-refuse"]').trigger('click')
    await flush()
    await choose(wrapper, 'refusal-reason', 'LITIGATION_OR_ARBITRATION')
    await choose(wrapper, 'refusal-route', 'ARBITRATION')
    await wrapper.get('textarea[data-test="reason"]').setValue('  该劳动争议属于劳动仲裁受理范围，请向区劳动人事争议仲裁院申请仲裁。 ')
    await wrapper.get('[data-test="action-form"]').trigger('submit')
    await flush()
    expect(posts(sent)).toHaveLength(0) // not before the confirmation
    expect(wrapper.get('[data-test="closing-question"]').text()).toContain('仲裁')
    await wrapper.get('[data-test="closing-confirm"]').trigger('click')
    await flush()
    expect(posts(sent)).toMatchObject([{ url: '/api/v1/cases/c1/refusal', headers: { Authorization: 'Bearer tok' },
      body: { reasonCode: 'LITIGATION_OR_ARBITRATION', route: 'ARBITRATION', reason: '该劳动争议属于劳动仲裁受理范围，请向区劳动人事争议仲裁院申请仲裁。' } }])
    await new Promise(r => setTimeout(r, 150)) // Element Plus shows a form item's error after a debounce
    expect(errorUnder(wrapper, '[data-test="refusal-route"]')).toContain('is required; one of LITIGATION')
    expect(errorUnder(wrapper, '[data-test="refusal-reason"]')).toBeNull()
    expect(errorUnder(wrapper, 'textarea[data-test="reason"]')).toBeNull()
    wrapper.unmount()
  })

  it('a refusal with a short text or no route is refused on its fields and nothing is sent', async () => {
    const { sent } = caseApi(() => CASE, () => json(500, {}))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('[data-test="action-refuse"]').trigger('click')
    await choose(wrapper, 'refusal-reason', 'NO_SUBSTANCE')
    await wrapper.get('textarea[data-test="reason"]').setValue('太短')
    await wrapper.get('[data-test="action-form"]').trigger('submit')
    await flush()
    await new Promise(r => setTimeout(r, 150))
    expect(errorUnder(wrapper, '[data-test="refusal-route"]')).toBe(i18n.global.t('closure.chooseRoute'))
    expect(errorUnder(wrapper, 'textarea[data-test="reason"]')).toBe(i18n.global.t('closure.refusalLength'))
    expect(wrapper.find('[data-test="closing-question"]').exists()).toBe(false)
    expect(posts(sent)).toHaveLength(0)
    wrapper.unmount()
  })

  it('a hand-off to a utility\'s hotline without its name is refused before sending; with it, the name is sent', async () => {
    let state: object = CASE
    const { sent } = caseApi(() => state, req => {
      state = { ...CASE, status: 'HANDED_OFF', allowedActions: [], history: [
        { action: 'hand-off', fromStatus: 'ASSIGNED', toStatus: 'HANDED_OFF', unitId: '500108-gc', actor: '500108-gc',
          reason: 'UTILITY_HOTLINE: 国网重庆电力 95598: 已转供电公司抢修。', at: '2026-12-02T10:00:00+08:00' }] }
      return json(200, { ...state, body: req.body })
    })
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('[data-test="action-hand-off"]').trigger('click')
    await choose(wrapper, 'hand-off-target', 'UTILITY_HOTLINE')
    await wrapper.get('textarea[data-test="reason"]').setValue('已转供电公司抢修。')
    await wrapper.get('[data-test="action-form"]').trigger('submit')
    await flush()
    await new Promise(r => setTimeout(r, 150))
    expect(errorUnder(wrapper, 'input[data-test="hand-off-name"]')).toBe(i18n.global.t('closure.nameHotline'))
    expect(wrapper.find('[data-test="closing-question"]').exists()).toBe(false)
    expect(posts(sent)).toHaveLength(0)

    await wrapper.get('input[data-test="hand-off-name"]').setValue('国网重庆电力 95598')
    await wrapper.get('[data-test="action-form"]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-test="closing-question"]').text()).toContain('国网重庆电力 95598')
    await wrapper.get('[data-test="closing-confirm"]').trigger('click')
    await flush()
    expect(posts(sent)).toMatchObject([{ url: '/api/v1/cases/c1/hand-off',
      body: { target: 'UTILITY_HOTLINE', targetName: '国网重庆电力 95598', reason: '已转供电公司抢修。' } }])
    // the case as read again: handed off, said so, no action left, the history readable
    expect(wrapper.get('[data-test="case-status"]').text()).toBe('已移交')
    expect(wrapper.get('[data-test="ended"]').text()).toContain('国网重庆电力 95598')
    expect(wrapper.findAll('[data-test^="action-"]')).toHaveLength(0)
    const row = wrapper.findAll('[data-test="history"] tbody tr')[0].findAll('td').map(c => c.text())
    expect(row.slice(1, 3)).toEqual(['移交', '待签收 → 已移交'])
    expect(row[5]).toBe('公用事业服务热线 (国网重庆电力 95598): 已转供电公司抢修。')
    wrapper.unmount()
  })

  it('a hand-off to 110 needs no name and sends none', () => {
    expect(handOffProblems({ target: 'POLICE_110', targetName: '', reason: '有人持刀伤人' })).toEqual({})
    expect(handOffProblems({ target: 'UTILITY_HOTLINE', targetName: '  ', reason: '停电' })).toEqual({ targetName: 'closure.nameHotline' })
    expect(handOffProblems({ target: '', targetName: '', reason: '' })).toEqual({ target: 'closure.chooseTarget', reason: 'closure.explain' })
  })

  it('the history says a refusal\'s code and route and a hand-off\'s target in the reader\'s language', async () => {
    const refused = { ...CASE, status: 'REFUSED', allowedActions: [], history: [
      { action: 'refuse', fromStatus: 'ASSIGNED', toStatus: 'REFUSED', unitId: '500108-gc', actor: '500108-gc',
        reason: 'LITIGATION_OR_ARBITRATION: ARBITRATION: 请通过劳动仲裁解决。', at: '2026-12-02T10:00:00+08:00' },
      { action: 'hand-off', fromStatus: 'REFUSED', toStatus: 'HANDED_OFF', unitId: '500108-gc', actor: '500108-gc',
        reason: 'POLICE_110: 现场有人受伤: 已报警', at: '2026-12-02T10:01:00+08:00' },
    ] }
    caseApi(() => refused, () => json(500, {}))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    const rows = () => wrapper.findAll('[data-test="history"] tbody tr').map(r => r.findAll('td').map(c => c.text()))
    expect(rows()[0][1]).toBe('不予受理')
    expect(rows()[0][2]).toBe('待签收 → 不予受理')
    expect(rows()[0][5]).toBe('属于诉讼或仲裁解决的事项; 可通过的途径: 仲裁: 请通过劳动仲裁解决。')
    expect(rows()[1][5]).toBe('110 报警: 现场有人受伤: 已报警')
    expect(wrapper.get('[data-test="ended"]').text()).toContain('属于诉讼或仲裁解决的事项')
    expect(wrapper.get('[data-test="case-status"]').text()).toBe('不予受理')

    i18n.global.locale.value = 'en'
    await flush()
    expect(rows()[0][1]).toBe('Not accepted')
    expect(rows()[0][5]).toBe('A matter for the courts or arbitration; Where to turn instead: Arbitration: 请通过劳动仲裁解决。')
    expect(rows()[1][5]).toBe('the police (110): 现场有人受伤: 已报警')
    expect(wrapper.get('[data-test="case-status"]').text()).toBe('Not accepted')
    wrapper.unmount()
  })
})

describe('the petitioner\'s page of a request the centre closed', () => {
  const BASE = {
    id: 'p1', trackingNumber: 'CQ-20261202-000009', title: '公司拖欠三个月工资', description: '公司拖欠工资。',
    submittedAt: '2026-12-02T09:00:00+08:00', allowedActions: [],
    timeline: [
      { status: 'SUBMITTED', at: '2026-12-02T09:00:00+08:00', actorType: 'CITIZEN', note: 'Submitted via web', kind: 'STATUS' },
      { status: 'ASSIGNED', at: '2026-12-02T09:00:05+08:00', actorType: 'PLATFORM', note: 'Dispatched', kind: 'STATUS' },
    ],
  }
  const REJECTED = { ...BASE, status: 'REJECTED', timeline: [...BASE.timeline, {
    status: 'REJECTED', at: '2026-12-02T10:00:00+08:00', actorType: 'GOVERNANCE_CENTRE', kind: 'STATUS',
    reasonCode: 'LITIGATION_OR_ARBITRATION', route: 'ARBITRATION',
    note: 'Not accepted (不予受理, LITIGATION_OR_ARBITRATION); where to turn instead: ARBITRATION. 请向区劳动人事争议仲裁院申请仲裁。',
  }] }
  const HANDED_OFF = (reasonCode: string, route: string | null, note: string) => ({ ...BASE, status: 'HANDED_OFF', timeline: [...BASE.timeline, {
    status: 'HANDED_OFF', at: '2026-12-02T10:00:00+08:00', actorType: 'GOVERNANCE_CENTRE', kind: 'STATUS', reasonCode, route, note,
  }] })

  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    i18n.global.locale.value = 'zh-CN'
  })

  function petitionApi(p: object) {
    return fakeFetch(req => req.url.endsWith('/feedback') ? problem(404, { type: 'urn:minhu:problem:not-found' })
      : req.url === '/api/v1/petitions/p1' ? json(200, p) : json(404, {}))
  }

  it('不予受理: the reason, where to turn instead and the centre\'s text, in zh-CN and in en', async () => {
    petitionApi(REJECTED)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    expect(wrapper.get('[data-test="status"]').text()).toBe('不予受理')
    expect(wrapper.get('[data-test="rejected-reason"]').text()).toBe('属于诉讼或仲裁解决的事项')
    expect(wrapper.get('[data-test="rejected-route"]').text()).toBe('仲裁')
    expect(wrapper.get('[data-test="rejected-text"]').text()).toBe('请向区劳动人事争议仲裁院申请仲裁。')
    expect(wrapper.get('[data-test="timeline-rejected"]').text())
      .toBe('不予受理：属于诉讼或仲裁解决的事项；可通过：仲裁。请向区劳动人事争议仲裁院申请仲裁。')
    expect(wrapper.text()).not.toContain('Not accepted (')
    expect(wrapper.find('[data-test="handed-off"]').exists()).toBe(false)

    i18n.global.locale.value = 'en'
    await flush()
    expect(wrapper.get('[data-test="rejected-reason"]').text()).toBe('A matter for the courts or arbitration')
    expect(wrapper.get('[data-test="rejected-route"]').text()).toBe('Arbitration')
    expect(wrapper.get('[data-test="rejected"]').text()).toContain("The centre's explanation")
    expect(wrapper.get('[data-test="timeline-rejected"]').text())
      .toBe('Not accepted: A matter for the courts or arbitration; where to turn instead: Arbitration. 请向区劳动人事争议仲裁院申请仲裁。')
    wrapper.unmount()
  })

  it('a refusal naming no route says the centre names none', async () => {
    const none = { ...REJECTED, timeline: [...BASE.timeline, { ...REJECTED.timeline[2], reasonCode: 'NO_SUBSTANCE', route: 'NONE',
      note: 'Not accepted (不予受理, NO_SUBSTANCE); where to turn instead: NONE. 内容无具体诉求。' }] }
    petitionApi(none)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    expect(wrapper.get('[data-test="rejected-reason"]').text()).toBe('没有具体诉求')
    expect(wrapper.get('[data-test="rejected-route"]').text()).toBe(i18n.global.t('closure.noRoute'))
    expect(wrapper.get('[data-test="rejected-text"]').text()).toBe('内容无具体诉求。')
    wrapper.unmount()
  })

  it('handed off: who took it over, 110 by its label and a utility by its hotline\'s name, in zh-CN and in en', async () => {
    petitionApi(HANDED_OFF('POLICE_110', null, 'Handed to POLICE_110: 现场有人受伤，已转110处置。'))
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    expect(wrapper.get('[data-test="status"]').text()).toBe('已移交')
    expect(wrapper.get('[data-test="handed-off-target"]').text()).toBe('这件诉求已移交给110 报警处理。')
    expect(wrapper.get('[data-test="handed-off-text"]').text()).toBe('现场有人受伤，已转110处置。')
    i18n.global.locale.value = 'en'
    await flush()
    expect(wrapper.get('[data-test="status"]').text()).toBe('Handed off')
    expect(wrapper.get('[data-test="handed-off-target"]').text()).toBe('This request has been handed off to the police (110).')
    expect(wrapper.get('[data-test="timeline-handed-off"]').text()).toBe('Handed off to the police (110). 现场有人受伤，已转110处置。')
    wrapper.unmount()

    i18n.global.locale.value = 'zh-CN'
    petitionApi(HANDED_OFF('UTILITY_HOTLINE', '国网重庆电力 95598', 'Handed to 国网重庆电力 95598: 已转供电公司抢修。'))
    const utility = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    expect(utility.wrapper.get('[data-test="handed-off-target"]').text()).toBe('这件诉求已移交给国网重庆电力 95598处理。')
    expect(utility.wrapper.get('[data-test="handed-off-text"]').text()).toBe('已转供电公司抢修。')
    utility.wrapper.unmount()
  })
})

describe('a closing step read from the timeline', () => {
  it('takes the codes from reasonCode and route, and the free text from the note without its English frame', () => {
    expect(closureOf({ status: 'WITHDRAWN', at: '', reasonCode: 'RESOLVED', note: 'Withdrawn by the petitioner (RESOLVED): 已经修好了' }))
      .toEqual({ status: 'WITHDRAWN', code: 'RESOLVED', route: null, text: '已经修好了' })
    expect(closureOf({ status: 'WITHDRAWN', at: '', reasonCode: 'RESOLVED', note: 'Withdrawn by the petitioner (RESOLVED)' }))
      .toEqual({ status: 'WITHDRAWN', code: 'RESOLVED', route: null, text: '' })
    // the code is the field's, whatever the note says; a note in another form is kept whole as the text
    expect(closureOf({ status: 'REJECTED', at: '', reasonCode: 'XINFANG_MATTER', route: 'XINFANG', note: '请到区信访办反映。' }))
      .toEqual({ status: 'REJECTED', code: 'XINFANG_MATTER', route: 'XINFANG', text: '请到区信访办反映。' })
    expect(closureOf({ status: 'HANDED_OFF', at: '', reasonCode: 'FIRE_119', route: null, note: 'Handed to FIRE_119: 燃气泄漏' }))
      .toEqual({ status: 'HANDED_OFF', code: 'FIRE_119', route: null, text: '燃气泄漏' })
    // an entry from before the codes were recorded: a withdrawal's code is read from its note
    expect(closureOf({ status: 'WITHDRAWN', at: '', note: 'Withdrawn by the petitioner (DUPLICATE): x' }))
      .toEqual({ status: 'WITHDRAWN', code: 'DUPLICATE', route: null, text: 'x' })
    expect(closureOf({ status: 'ASSIGNED', at: '', note: 'Dispatched' })).toBeNull()
    expect(closureOf({ status: 'REJECTED', at: '', kind: 'ADDITION', note: 'x' })).toBeNull()
  })

  it('reads the case history\'s refusal and hand-off reasons', () => {
    expect(parseClosure('refuse', 'UNLAWFUL_OR_ABUSIVE: NONE: 含有辱骂内容: 不予受理')).toEqual({ code: 'UNLAWFUL_OR_ABUSIVE', route: 'NONE', text: '含有辱骂内容: 不予受理' })
    expect(parseClosure('hand-off', 'UTILITY_HOTLINE: 重庆燃气 96777: 燃气表漏气')).toEqual({ code: 'UTILITY_HOTLINE', route: '重庆燃气 96777', text: '燃气表漏气' })
    expect(parseClosure('hand-off', 'AMBULANCE_120: 老人晕倒: 已呼叫')).toEqual({ code: 'AMBULANCE_120', route: null, text: '老人晕倒: 已呼叫' })
    expect(parseClosure('refuse', 'free text')).toBeNull()
    expect(parseClosure('return', 'NOT_OUR_JURISDICTION: x')).toBeNull()
  })
})
