// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElDatePicker, ElSelect } from 'element-plus'
import Knowledge from '../src/views/desk/Knowledge.vue'
import PublicKnowledge from '../src/views/PublicKnowledge.vue'
import { auth, type Role } from '../src/stores/auth'
import { knowledgeQuery, mayChangeEntry, toEntryRequest, emptyEntryDraft } from '../src/api/knowledge'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

/** 知识库: staff search every entry and keep their own unit's; anyone reads the public ones valid today. */
const OWN = {
  id: 'k1', categoryCode: 'health', unitId: 'Z-WSJKQ-health', question: '乡镇卫生院可以配备哪些慢性病常用药？',
  answer: '乡镇卫生院按国家基本药物目录配备降压、降糖等慢性病常用药。', policyBasis: '《国家基本药物目录（2018年版）》',
  validFrom: '2026-01-01', validUntil: '2026-12-31', public: true, reviewBy: '2026-06-30', reviewOverdue: true, validToday: true,
  createdBy: 'li.wei', createdAt: '2026-01-05T10:00:00+08:00', updatedBy: 'li.wei', updatedAt: '2026-03-02T16:20:00+08:00',
}
const OTHER = {
  id: 'k2', categoryCode: 'health', unitId: 'Z-WSJKQ-medical-insurance', question: '门诊慢特病如何办理医保报销？',
  answer: '携带身份证和诊断证明到医保窗口申请认定。', validFrom: '2027-01-01', public: false, reviewBy: '2027-06-30',
  reviewOverdue: false, validToday: false,
}
const CATEGORIES = [{ code: 'health', name: { zh: '医疗卫生', en: 'Health' }, group: 'g', groupName: { zh: 'g', en: 'g' }, handling: 'NORMAL',
  keywords: [] }]

const path = (r: Sent) => new URL(r.url, 'http://x').pathname
const params = (r: Sent) => Object.fromEntries(new URL(r.url, 'http://x').searchParams)
const settle = () => new Promise(r => setTimeout(r, 150))

function signIn(role: Role = 'unit_staff') {
  auth.signIn({ token: 'tok', role, sub: 'li.wei', unitId: role === 'admin' ? 'city-gc' : 'Z-WSJKQ-health', expiresAt: Date.now() + 60_000 })
}

function knowledgeApi(write: (req: Sent) => Response | undefined = () => undefined, items: unknown[] = [OWN, OTHER]) {
  return fakeFetch(req => write(req)
    ?? (path(req) === '/api/v1/knowledge' ? json(200, { items, limit: 20, offset: 0 })
      : path(req) === '/api/v1/knowledge/public' ? json(200, { items, limit: 20, offset: 0 })
      : path(req) === '/api/v1/categories' ? json(200, CATEGORIES)
      : json(200, [])))
}

/** The entry form's date pickers, in its order: valid from, valid until, review by (the search has none). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function pickDate(wrapper: any, index: number, value: string) {
  const pickers = wrapper.findAllComponents(ElDatePicker)
  expect(pickers).toHaveLength(3)
  pickers[index].vm.$emit('update:modelValue', value)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function choose(wrapper: any, component: any, dataTest: string, value: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const c = wrapper.findAllComponents(component).find((s: any) => s.attributes('data-test') === dataTest)
  expect(c, dataTest).toBeTruthy()
  c.vm.$emit('update:modelValue', value)
}

describe('the knowledge base at the desk (知识库)', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    signIn()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    i18n.global.locale.value = 'zh-CN'
  })

  it('searches with q, category and overdue review, and shows the badges and China dates in the reader\'s way', async () => {
    const { sent } = knowledgeApi()
    const { wrapper } = await mountScreen(Knowledge, '/desk/knowledge')
    await flush()
    const searches = () => sent.filter(s => path(s) === '/api/v1/knowledge')
    expect(params(searches()[0])).toEqual({ limit: '20', offset: '0' })
    expect(searches()[0].headers.Authorization).toBe('Bearer tok')

    const entries = wrapper.findAll('[data-test="entry"]')
    expect(entries[0].find('[data-test="badge-review-overdue"]').exists()).toBe(true)
    expect(entries[0].find('[data-test="badge-valid"]').exists()).toBe(true)
    expect(entries[0].find('[data-test="badge-public"]').exists()).toBe(true)
    expect(entries[1].find('[data-test="badge-review-overdue"]').exists()).toBe(false)
    expect(entries[1].find('[data-test="badge-not-valid"]').exists()).toBe(true)
    expect(entries[0].get('[data-test="entry-validity"]').text()).toBe('2026/01/01 至 2026/12/31')
    expect(entries[0].get('[data-test="entry-review"]').text()).toBe('2026/06/30')
    expect(entries[1].get('[data-test="entry-validity"]').text()).toBe('2027/01/01 起长期有效')
    i18n.global.locale.value = 'en'
    await flush()
    expect(entries[0].get('[data-test="entry-validity"]').text()).toBe('01/01/2026 to 12/31/2026')
    expect(entries[0].get('[data-test="badge-review-overdue"]').text()).toBe('Review overdue')
    i18n.global.locale.value = 'zh-CN'
    await flush()

    await wrapper.get('input[data-test="knowledge-q"]').setValue(' 降压 ')
    choose(wrapper, ElSelect, 'knowledge-category', 'health')
    choose(wrapper, ElSelect, 'knowledge-review', 'true')
    await wrapper.get('[data-test="knowledge-mine"] input').setValue(true)
    await wrapper.get('[data-test="knowledge-search"]').trigger('submit')
    await flush()
    expect(params(searches().at(-1)!)).toEqual({ q: '降压', categoryCode: 'health', unitId: 'Z-WSJKQ-health', overdueReview: 'true',
      limit: '20', offset: '0' })
    wrapper.unmount()
  })

  it('offers edit and delete on the caller\'s unit\'s entries only', async () => {
    knowledgeApi()
    const { wrapper } = await mountScreen(Knowledge, '/desk/knowledge')
    await flush()
    expect(wrapper.find('[data-test="edit-k1"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="delete-k1"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="edit-k2"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="delete-k2"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('adds an entry of the caller\'s unit: a 400 naming validUntil lands under that date, and the 201 joins the list', async () => {
    let attempt = 0
    const created = { ...OWN, id: 'k3', question: '周末门诊如何预约？', reviewOverdue: false }
    const { sent } = knowledgeApi(req => {
      if (req.method !== 'POST') {
        return undefined
      }
      attempt++
      return attempt === 1
        ? problem(400, { type: 'urn:minhu:problem:validation', title: 'Invalid input',
          errors: [{ field: 'validUntil', reason: 'must not be before validFrom 2026-12-01' }] })
        : json(201, created)
    })
    const { wrapper } = await mountScreen(Knowledge, '/desk/knowledge')
    await flush()
    await wrapper.get('[data-test="add-entry"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-test="entry-unit-own"]').text()).toBe('Z-WSJKQ-health')
    choose(wrapper, ElSelect, 'entry-category', 'health')
    await wrapper.get('input[data-test="entry-question"]').setValue(' 周末门诊如何预约？ ')
    await wrapper.get('textarea[data-test="entry-answer-input"]').setValue('通过“渝快办”或电话预约周六上午门诊。')
    pickDate(wrapper, 0, '2026-12-01')
    pickDate(wrapper, 1, '2026-11-30')
    pickDate(wrapper, 2, '2027-06-30')
    await wrapper.get('[data-test="entry-public"] input').setValue(true)
    await wrapper.get('[data-test="entry-save"]').trigger('click')
    await flush()
    await settle()
    const posts = sent.filter(s => s.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0]).toMatchObject({ url: '/api/v1/knowledge', headers: { Authorization: 'Bearer tok' } })
    expect(posts[0].body).toEqual({ categoryCode: 'health', unitId: 'Z-WSJKQ-health', question: '周末门诊如何预约？',
      answer: '通过“渝快办”或电话预约周六上午门诊。', validFrom: '2026-12-01', validUntil: '2026-11-30', public: true, reviewBy: '2027-06-30' })
    expect(wrapper.get('[data-test="field-validUntil"] .el-form-item__error').text()).toBe('must not be before validFrom 2026-12-01')
    expect(wrapper.find('[data-test="field-validFrom"] .el-form-item__error').exists()).toBe(false)
    expect(wrapper.find('[data-test="field-question"] .el-form-item__error').exists()).toBe(false)
    expect(wrapper.get('[data-test="entry-form-error"]').text()).toBe(i18n.global.t('knowledge.fixErrors'))

    pickDate(wrapper, 1, '2026-12-31')
    await wrapper.get('[data-test="entry-save"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'POST')).toHaveLength(2)
    expect(wrapper.findAll('[data-test="entry"]')[0].text()).toContain('周末门诊如何预约？')
    wrapper.unmount()
  })

  it('a 403 naming unitId shows the service\'s reason under the unit and above the form', async () => {
    const detail = 'Knowledge-base entries of Z-WSJKQ-medical-insurance are kept by that unit\'s staff; Z-WSJKQ-health reads them only'
    knowledgeApi(req => (req.method === 'PUT' ? problem(403, { type: 'urn:minhu:problem:forbidden', detail,
      errors: [{ field: 'unitId', reason: 'not the caller\'s unit Z-WSJKQ-health' }] }) : undefined), [OWN])
    const { wrapper } = await mountScreen(Knowledge, '/desk/knowledge')
    await flush()
    await wrapper.get('[data-test="edit-k1"]').trigger('click')
    await flush()
    expect((wrapper.get('input[data-test="entry-question"]').element as HTMLInputElement).value).toBe(OWN.question)
    await wrapper.get('[data-test="entry-save"]').trigger('click')
    await flush()
    await settle()
    expect(wrapper.get('[data-test="entry-form-error"]').text()).toBe(detail)
    expect(wrapper.get('[data-test="field-unitId"] .el-form-item__error').text()).toBe('not the caller\'s unit Z-WSJKQ-health')
    wrapper.unmount()
  })

  it('deletes an entry after asking', async () => {
    const { sent } = knowledgeApi(req => (req.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined))
    const { wrapper } = await mountScreen(Knowledge, '/desk/knowledge')
    await flush()
    await wrapper.get('[data-test="delete-k1"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'DELETE')).toHaveLength(0)
    ;(document.body.querySelector('[data-test="delete-confirm"]') as HTMLElement).click()
    await flush()
    expect(sent.filter(s => s.method === 'DELETE').map(s => s.url)).toEqual(['/api/v1/knowledge/k1'])
    expect(wrapper.findAll('[data-test="entry"]').map(e => e.text()).join()).not.toContain(OWN.question)
    wrapper.unmount()
  })

  it('a q the API refuses shows its reason under the search box', async () => {
    knowledgeApi(req => (path(req) === '/api/v1/knowledge' && params(req).q
      ? problem(400, { type: 'urn:minhu:problem:validation', errors: [{ field: 'q', reason: 'must be 1 to 100 characters of one line of text' }] })
      : undefined))
    const { wrapper } = await mountScreen(Knowledge, '/desk/knowledge')
    await flush()
    await wrapper.get('input[data-test="knowledge-q"]').setValue('降压')
    await wrapper.get('[data-test="knowledge-search"]').trigger('submit')
    await flush()
    await settle()
    expect(wrapper.get('[data-test="field-q"] .el-form-item__error').text()).toBe('must be 1 to 100 characters of one line of text')
    wrapper.unmount()
  })

  it('the query and body helpers: only the filters set; optional fields left out when blank; who may change an entry', () => {
    expect(knowledgeQuery({ q: '  ', categoryCode: '', unitId: '', overdueReview: 'false' }, 40)).toEqual({ q: undefined,
      categoryCode: undefined, unitId: undefined, overdueReview: 'false', limit: 20, offset: 40 })
    const body = toEntryRequest({ ...emptyEntryDraft('Z-WSJKQ-health'), categoryCode: 'health', question: 'q', answer: 'a',
      validFrom: '2026-01-01', reviewBy: '2026-06-30', policyBasis: '  ' })
    expect(body).not.toHaveProperty('validUntil')
    expect(body).not.toHaveProperty('policyBasis')
    expect(body.public).toBe(false)
    expect(mayChangeEntry({ unitId: 'Z-WSJKQ-health' }, { role: 'unit_staff', unitId: 'Z-WSJKQ-health' })).toBe(true)
    expect(mayChangeEntry({ unitId: 'Z-WSJKQ-water' }, { role: 'unit_staff', unitId: 'Z-WSJKQ-health' })).toBe(false)
    expect(mayChangeEntry({ unitId: 'Z-WSJKQ-water' }, { role: 'admin', unitId: 'city-gc' })).toBe(true)
    expect(mayChangeEntry({ unitId: 'Z-WSJKQ-water' }, null)).toBe(false)
  })
})

describe('the public questions and answers (政策问答)', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('searches the public entries without a token, even when signed in, and shows the unit\'s name and validity', async () => {
    signIn('citizen')
    const pub = { id: 'k1', categoryCode: 'health', unitId: 'Z-WSJKQ-health', unitName: '万盛经开区卫生健康局', question: OWN.question,
      answer: OWN.answer, validFrom: '2026-01-01' }
    const { sent } = knowledgeApi(undefined, [pub])
    const { wrapper } = await mountScreen(PublicKnowledge, '/knowledge')
    await flush()
    await wrapper.get('input[data-test="public-q"]').setValue('降压')
    await wrapper.get('[data-test="public-knowledge-search"]').trigger('submit')
    await flush()
    const asked = sent.filter(s => path(s) === '/api/v1/knowledge/public')
    expect(asked).toHaveLength(2)
    expect(params(asked[1])).toEqual({ q: '降压', limit: '20', offset: '0' })
    expect(asked.every(s => !s.headers.Authorization)).toBe(true)
    expect(wrapper.get('[data-test="public-unit"]').text()).toBe('万盛经开区卫生健康局')
    expect(wrapper.get('[data-test="public-validity"]').text()).toBe('2026/01/01 起长期有效')
    wrapper.unmount()
  })
})
