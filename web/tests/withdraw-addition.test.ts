// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import RequestDetail from '../src/views/citizen/RequestDetail.vue'
import PetitionTimeline from '../src/components/PetitionTimeline.vue'
import { auth } from '../src/stores/auth'
import { clearAllDrafts } from '../src/stores/drafts'
import { parseWithdrawal, pollUntil, toWithdrawal, withdrawalProblems } from '../src/api/petitions'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

const PETITION = {
  id: 'p1', trackingNumber: 'CQ-20261202-000007', status: 'ASSIGNED', title: '关坝镇卫生院周末不开门诊',
  description: '周末去卫生院看病没有医生值班。', submittedAt: '2026-12-02T09:00:00+08:00',
  allowedActions: ['withdraw', 'add-information'],
  timeline: [
    { status: 'SUBMITTED', at: '2026-12-02T09:00:00+08:00', actorType: 'CITIZEN', note: 'Submitted via web', kind: 'STATUS' },
    { status: 'ASSIGNED', at: '2026-12-02T09:00:05+08:00', actorType: 'PLATFORM', note: 'Dispatched', kind: 'STATUS' },
  ],
}
const WITHDRAWN = {
  ...PETITION, status: 'WITHDRAWN', allowedActions: [],
  timeline: [...PETITION.timeline, { status: 'WITHDRAWN', at: '2026-12-02T10:00:00+08:00', actorType: 'CITIZEN', kind: 'STATUS',
    reasonCode: 'DUPLICATE', note: 'Withdrawn by the petitioner (DUPLICATE): 已在另一件诉求中反映' }],
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const isPetitionGet = (r: Sent) => r.method === 'GET' && r.url === '/api/v1/petitions/p1'
const posts = (sent: Sent[]) => sent.filter(s => s.method === 'POST')

/** GET /petitions/p1 answers `petition()` (read each time), /feedback has no rounds, POSTs go to `post`. */
function petitionApi(petition: () => object, post: (req: Sent) => Response | Promise<Response> = () => json(500, {})) {
  return fakeFetch(req => req.url.endsWith('/feedback') ? problem(404, { type: 'urn:minhu:problem:not-found' })
    : req.method === 'POST' ? post(req)
      : isPetitionGet(req) ? json(200, petition())
        : json(404, {}))
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const errorUnder = (wrapper: any, selector: string) =>
  (wrapper.get(selector).element.closest('.el-form-item') as HTMLElement).querySelector('.el-form-item__error')?.textContent?.trim() ?? null

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function chooseReason(wrapper: any, code: string, text = '') {
  await wrapper.get(`[data-test="withdraw-reason-${code}"] input`).setValue(true)
  await wrapper.get('textarea[data-test="withdraw-text"]').setValue(text)
}

describe('the petitioner withdraws a request or adds information', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    clearAllDrafts()
    auth.signOut()
  })

  it.each([
    [[], []],
    [['add-information'], ['add-information']],
    [['withdraw'], ['withdraw']],
    [['withdraw', 'add-information'], ['add-information', 'withdraw']],
  ])('allowedActions %j offers the buttons %j and nothing else', async (allowed, buttons) => {
    petitionApi(() => ({ ...PETITION, allowedActions: allowed }))
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    const shown = ['add-information', 'withdraw'].filter(b => wrapper.find(`button[data-test="${b}"]`).exists())
    expect(shown).toEqual(buttons)
    expect(wrapper.find('[data-test="addition-form"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a withdrawal asks first, sends the chosen reason, shows the request withdrawn at once and reads it until it says so', async () => {
    let state: object = PETITION
    let reads = 0
    const { sent } = petitionApi(() => {
      reads++
      return state
    }, req => {
      // the case is withdrawn; the petition's own status follows a moment later (an event)
      setTimeout(() => { state = WITHDRAWN }, 300)
      return json(200, { petitionId: 'p1', caseId: 'c1', status: 'WITHDRAWN', withdrawnAt: '2026-12-02T10:00:00+08:00',
        ...(req.body as object) })
    })
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="withdraw"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-test="withdraw-dialog"]').text()).toContain(i18n.global.t('withdraw.question'))
    expect(posts(sent)).toHaveLength(0)

    await chooseReason(wrapper, 'DUPLICATE', '  已在另一件诉求中反映 ')
    await wrapper.get('[data-test="withdraw-confirm"]').trigger('click')
    await flush()
    expect(posts(sent)).toMatchObject([{ url: '/api/v1/petitions/p1/withdrawal', headers: { Authorization: 'Bearer tok' },
      body: { reasonCode: 'DUPLICATE', reason: '已在另一件诉求中反映' } }])
    // the read right after the 200 still says ASSIGNED: the screen says withdrawn anyway and offers nothing more
    expect(reads).toBe(2)
    expect(wrapper.get('[data-test="status"]').attributes('data-status')).toBe('WITHDRAWN')
    expect(wrapper.get('[data-test="status"]').text()).toBe('已撤回')
    expect(wrapper.find('button[data-test="withdraw"]').exists()).toBe(false)
    expect(wrapper.find('button[data-test="add-information"]').exists()).toBe(false)

    await new Promise(r => setTimeout(r, 1100))
    await flush()
    expect(reads).toBe(3) // the second read, a second later, finds it WITHDRAWN and the reading stops
    expect(wrapper.get('[data-test="timeline-withdrawal"]').text()).toBe('诉求人撤回（重复提交）：已在另一件诉求中反映')
    await new Promise(r => setTimeout(r, 1100))
    expect(reads).toBe(3)
    wrapper.unmount()
  })

  it('OTHER without an explanation is refused on its field before anything is sent; so is no reason at all', async () => {
    const { sent } = petitionApi(() => PETITION)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="withdraw"]').trigger('click')
    await flush()
    await wrapper.get('[data-test="withdraw-confirm"]').trigger('click')
    await flush()
    await new Promise(r => setTimeout(r, 150)) // Element Plus shows a form item's error after a debounce
    expect(errorUnder(wrapper, '[data-test="withdraw-reason"]')).toBe(i18n.global.t('withdraw.chooseReason'))

    await chooseReason(wrapper, 'OTHER', '   ')
    await wrapper.get('[data-test="withdraw-confirm"]').trigger('click')
    await flush()
    await new Promise(r => setTimeout(r, 150))
    expect(errorUnder(wrapper, 'textarea[data-test="withdraw-text"]')).toBe(i18n.global.t('withdraw.explainOther'))
    expect(errorUnder(wrapper, '[data-test="withdraw-reason"]')).toBeNull()
    expect(posts(sent)).toHaveLength(0)

    await wrapper.get('textarea[data-test="withdraw-text"]').setValue('搬家了，不再需要')
    await wrapper.get('[data-test="withdraw-confirm"]').trigger('click')
    await flush()
    expect(posts(sent).map(s => s.body)).toEqual([{ reasonCode: 'OTHER', reason: '搬家了，不再需要' }])
    wrapper.unmount()
  })

  it('a 409 shows the service\'s reason and the request as it is now', async () => {
    let state: object = PETITION
    petitionApi(() => state, () => {
      state = { ...PETITION, status: 'ACCEPTED', allowedActions: ['add-information'] }
      return problem(409, { type: 'urn:minhu:problem:conflict', detail: 'The unit has signed for the case; it can no longer be withdrawn' })
    })
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="withdraw"]').trigger('click')
    await chooseReason(wrapper, 'RESOLVED')
    await wrapper.get('[data-test="withdraw-confirm"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-test="refusal"]').text()).toContain('The unit has signed for the case; it can no longer be withdrawn')
    expect(wrapper.get('[data-test="status"]').attributes('data-status')).toBe('ACCEPTED')
    expect(wrapper.find('button[data-test="withdraw"]').exists()).toBe(false)
    expect(wrapper.find('button[data-test="add-information"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('adding information sends the text with an Idempotency-Key, once for a double tap, and the timeline shows it as mine', async () => {
    let state: object = PETITION
    let release: (r: Response) => void = () => {}
    const text = '卫生院门口贴了通知，周六上午也不开门。'
    const { sent } = petitionApi(() => state, () => new Promise<Response>(r => { release = r }))
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="add-information"]').trigger('click')
    await wrapper.get('textarea[data-test="addition-text"]').setValue(text)
    expect(wrapper.get('[data-test="addition-form"]').text()).toContain(`${text.length} / 2000`)
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await flush()
    expect(posts(sent)).toHaveLength(1)
    const [post] = posts(sent)
    expect(post).toMatchObject({ url: '/api/v1/petitions/p1/additions', body: { text } })
    expect(post.headers['Idempotency-Key']).toMatch(UUID)

    state = { ...PETITION, timeline: [...PETITION.timeline,
      { status: 'ASSIGNED', at: '2026-12-02T09:30:00+08:00', actorType: 'CITIZEN', kind: 'ADDITION', note: text }] }
    release(json(201, { id: 'a1', petitionId: 'p1', text, addedAt: '2026-12-02T09:30:00+08:00' }))
    await flush()
    expect(sent.filter(isPetitionGet)).toHaveLength(2)
    const added = wrapper.get('[data-test="timeline-addition"]')
    expect(added.text()).toContain('我补充了')
    expect(added.text()).toContain(text)
    expect(added.find('[data-status]').exists()).toBe(false) // not told as a status change
    expect(wrapper.findAll('[data-test="timeline-status"]')).toHaveLength(2)
    expect(wrapper.find('[data-test="addition-form"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('an addition: too short is refused before sending, a 400 lands under the text, a retry after a 503 sends the same key', async () => {
    let answer = 0
    const { sent } = petitionApi(() => PETITION, () => {
      answer++
      return answer === 1
        ? problem(400, { type: 'urn:minhu:problem:validation', errors: [{ field: 'text', reason: 'must not contain only punctuation' }] })
        : answer === 2 ? problem(503, { type: 'urn:minhu:problem:unavailable' })
          : json(201, { id: 'a1', petitionId: 'p1', text: 'x', addedAt: '2026-12-02T09:30:00+08:00' })
    })
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="add-information"]').trigger('click')
    await wrapper.get('textarea[data-test="addition-text"]').setValue('短')
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await flush()
    await new Promise(r => setTimeout(r, 150))
    expect(errorUnder(wrapper, 'textarea[data-test="addition-text"]')).toBe(i18n.global.t('addition.tooShort', { min: 5 }))
    expect(posts(sent)).toHaveLength(0)

    await wrapper.get('textarea[data-test="addition-text"]').setValue('。。。。。。')
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await flush()
    await new Promise(r => setTimeout(r, 150))
    expect(errorUnder(wrapper, 'textarea[data-test="addition-text"]')).toBe('must not contain only punctuation')

    await wrapper.get('textarea[data-test="addition-text"]').setValue('周六上午也不开门。')
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-test="addition-error"]').text()).toBe(i18n.global.t('common.serviceDown'))
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await flush()
    const keys = posts(sent).map(s => s.headers['Idempotency-Key'])
    expect(keys).toHaveLength(3)
    expect(keys[1]).toBe(keys[2]) // the same text resent after a 503: the same key
    expect(keys[0]).not.toBe(keys[1]) // another text: another key
    wrapper.unmount()
  })

  it('a 409 on an addition shows the service\'s reason', async () => {
    let state: object = PETITION
    petitionApi(() => state, () => {
      state = { ...PETITION, status: 'ANSWERED', allowedActions: [] }
      return problem(409, { type: 'urn:minhu:problem:conflict', detail: 'The request already has 20 additions' })
    })
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="add-information"]').trigger('click')
    await wrapper.get('textarea[data-test="addition-text"]').setValue('周六上午也不开门。')
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-test="refusal"]').text()).toContain('The request already has 20 additions')
    expect(wrapper.find('[data-test="addition-form"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('on another\'s view of the timeline (查询) an addition is the petitioner\'s, in English too', async () => {
    i18n.global.locale.value = 'en'
    const wrapper = mount(PetitionTimeline, { props: { entries: [...WITHDRAWN.timeline,
      { status: 'ASSIGNED', at: '2026-12-02T09:30:00+08:00', actorType: 'CITIZEN', kind: 'ADDITION', note: 'Closed on Saturdays too' }] },
    global: { plugins: [i18n] } })
    expect(wrapper.get('[data-test="timeline-addition"]').text()).toContain('The petitioner added')
    expect(wrapper.get('[data-test="timeline-withdrawal"]').text()).toBe('Withdrawn by the petitioner (Duplicate): 已在另一件诉求中反映')
    wrapper.unmount()
  })
})

describe('withdrawal and addition helpers', () => {
  it('reads a withdrawal from the timeline\'s note and the case history\'s reason', () => {
    expect(parseWithdrawal('Withdrawn by the petitioner (OTHER): moved away: no longer needed'))
      .toEqual({ code: 'OTHER', text: 'moved away: no longer needed' })
    expect(parseWithdrawal('Withdrawn by the petitioner (RESOLVED)')).toEqual({ code: 'RESOLVED', text: '' })
    expect(parseWithdrawal('FILED_BY_MISTAKE: ')).toEqual({ code: 'FILED_BY_MISTAKE', text: '' })
    expect(parseWithdrawal('Signed for by 万盛经开区卫生健康局')).toBeNull()
  })

  it('checks the withdrawal form and sends the reason only when there is one', () => {
    expect(withdrawalProblems({ reasonCode: '', reason: '' })).toEqual({ reasonCode: 'withdraw.chooseReason' })
    expect(withdrawalProblems({ reasonCode: 'OTHER', reason: ' ' })).toEqual({ reason: 'withdraw.explainOther' })
    expect(withdrawalProblems({ reasonCode: 'RESOLVED', reason: 'x'.repeat(501) })).toEqual({ reason: 'withdraw.reasonTooLong' })
    expect(withdrawalProblems({ reasonCode: 'RESOLVED', reason: '' })).toEqual({})
    expect(toWithdrawal({ reasonCode: 'RESOLVED', reason: '  ' })).toEqual({ reasonCode: 'RESOLVED' })
  })

  it('polls until done, a few times at most, and not after the screen is left', async () => {
    let n = 0
    expect(await pollUntil(async () => ++n, v => v === 3, { intervalMs: 1 })).toBe(3)
    expect(n).toBe(3)
    n = 0
    expect(await pollUntil(async () => ++n, () => false, { tries: 4, intervalMs: 1 })).toBe(4)
    n = 0
    let left = false
    await pollUntil(async () => { left = true; return ++n }, () => false, { intervalMs: 1, stop: () => left })
    expect(n).toBe(1)
  })
})
