// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElSelect } from 'element-plus'
import CaseDetail from '../src/views/desk/CaseDetail.vue'
import { auth } from '../src/stores/auth'
import { textDrafts } from '../src/stores/drafts'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

/** The units' own tools on the case page: 内部备注, 承办人 and the reply templates in the answer form. */
const CASE = {
  id: 'c1', petitionId: 'p1', trackingNumber: 'CQ-20261202-000007', title: '关坝镇卫生院周末不开门诊', categoryCode: 'health',
  handling: 'NORMAL', regionCode: 'Z-WSJKQ', status: 'SIGNED', leadUnitId: 'Z-WSJKQ-health', answerDeadline: '2026-12-09T18:00:00+08:00',
  overdue: false, returnCount: 0, flagged: false, finalRuling: false, reopenCount: 0, allowedActions: ['answer'], history: [],
}

const NOTES = [
  { id: 1, caseId: 'c1', text: '已电话联系卫生院院长。', authorSubject: 'li.wei', authorUnitId: 'Z-WSJKQ-health',
    createdAt: '2026-12-02T10:05:00+08:00' },
  { id: 2, caseId: 'c1', text: '治理中心：请周三前答复。', authorSubject: 'gc-duty', authorUnitId: 'Z-WSJKQ-gc',
    createdAt: '2026-12-03T16:30:00+08:00' },
]

const TEMPLATES = [
  { id: 't-health', unitId: 'Z-WSJKQ-health', categoryCode: 'health', title: '药品配备类答复', body: '…' },
  { id: 't-any', unitId: 'Z-WSJKQ-health', title: '通用答复', body: '…' },
]

const path = (r: Sent) => new URL(r.url, 'http://x').pathname
const params = (r: Sent) => Object.fromEntries(new URL(r.url, 'http://x').searchParams)
/** Element Plus shows a form item's error after a 100 ms debounce. */
const settle = () => new Promise(r => setTimeout(r, 150))
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const errorUnder = (wrapper: any, selector: string) =>
  (wrapper.get(selector).element.closest('.el-form-item') as HTMLElement).querySelector('.el-form-item__error')?.textContent?.trim() ?? null

/**
 * The case API: the case from `state()`, its notes, the unit's templates and their drafts; the request behind
 * it 404 (not what these tests look at); `other` answers the writes.
 */
function caseApi(state: () => object, other: (req: Sent) => Response | undefined = () => undefined, notes: unknown[] = NOTES) {
  return fakeFetch(req => {
    const answer = other(req)
    if (answer) {
      return answer
    }
    const p = path(req)
    return p === '/api/v1/cases/c1' ? json(200, state())
      : p === '/api/v1/cases/c1/notes' ? json(200, notes)
      : p === '/api/v1/units/Z-WSJKQ-health/reply-templates' ? json(200, TEMPLATES)
      : p === '/api/v1/cases/c1/reply-draft' ? json(200, { caseId: 'c1', templateId: params(req).templateId,
        reply: `您反映的“关坝镇卫生院周末不开门诊”（受理编号CQ-20261202-000007）已收悉。[${params(req).templateId}]` })
      : p.startsWith('/api/v1/petitions/') ? problem(404, { type: 'urn:minhu:problem:not-found' })
      : json(200, [])
  })
}

function signIn(unitId = 'Z-WSJKQ-health', role: 'unit_staff' | 'governance' = 'unit_staff', sub = 'li.wei') {
  auth.signIn({ token: 'tok', role, sub, unitId, expiresAt: Date.now() + 60_000 })
}

describe('internal notes (内部备注) on the case page', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    signIn()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    for (const k of Object.keys(textDrafts)) {
      delete textDrafts[k]
    }
    i18n.global.locale.value = 'zh-CN'
  })

  it('lists the notes with author, unit and China time, and says they are internal, never seen by the petitioner', async () => {
    const { sent } = caseApi(() => CASE)
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(sent.find(s => path(s) === '/api/v1/cases/c1/notes')?.headers.Authorization).toBe('Bearer tok')
    expect(wrapper.get('[data-test="notes-internal"]').text()).toBe(i18n.global.t('notes.internal'))
    expect(wrapper.get('[data-test="notes-internal"]').text()).toContain('诉求人看不到')
    const notes = wrapper.findAll('[data-test="note"]')
    expect(notes.map(n => n.get('[data-test="note-text"]').text())).toEqual(['已电话联系卫生院院长。', '治理中心：请周三前答复。'])
    expect(notes[0].get('[data-test="note-meta"]').text()).toBe('li.wei（Z-WSJKQ-health）· 2026/12/02 10:05')
    expect(notes[1].get('[data-test="note-meta"]').text()).toBe('gc-duty（Z-WSJKQ-gc）· 2026/12/03 16:30')
    i18n.global.locale.value = 'en'
    await flush()
    expect(notes[0].get('[data-test="note-meta"]').text()).toBe('li.wei (Z-WSJKQ-health) · 12/02/2026, 10:05')
    wrapper.unmount()
  })

  it('adds a note: the trimmed text is posted with the token and the note joins the list; a character counter is shown', async () => {
    const note = { id: 3, caseId: 'c1', text: '周三前回复药品采购计划。', authorSubject: 'li.wei', authorUnitId: 'Z-WSJKQ-health',
      createdAt: '2026-12-04T09:00:00+08:00' }
    const { sent } = caseApi(() => CASE, req => (req.method === 'POST' ? json(201, note) : undefined))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.get('[data-test="note-field"] .el-input__count').text()).toContain('2000')
    await wrapper.get('textarea[data-test="note-input"]').setValue('  周三前回复药品采购计划。 ')
    await wrapper.get('[data-test="note-form"]').trigger('submit')
    await flush()
    const posts = sent.filter(s => s.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0]).toMatchObject({ url: '/api/v1/cases/c1/notes', body: { text: '周三前回复药品采购计划。' },
      headers: { Authorization: 'Bearer tok' } })
    expect(wrapper.findAll('[data-test="note-text"]').map(n => n.text()).at(-1)).toBe('周三前回复药品采购计划。')
    expect((wrapper.get('textarea[data-test="note-input"]').element as HTMLTextAreaElement).value).toBe('')
    // a note is no action on the case: nothing else was posted, the case was not read again
    expect(sent.filter(s => s.url === '/api/v1/cases/c1')).toHaveLength(1)
    wrapper.unmount()
  })

  it('refuses a note shorter than 5 characters before sending, and shows a 400\'s reason for `text` under the field', async () => {
    const { sent } = caseApi(() => CASE, req => (req.method === 'POST'
      ? problem(400, { type: 'urn:minhu:problem:validation', title: 'Invalid input',
        errors: [{ field: 'text', reason: 'must be 5 to 2000 characters' }] })
      : undefined))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('textarea[data-test="note-input"]').setValue(' 已联系 ')
    await wrapper.get('[data-test="note-form"]').trigger('submit')
    await flush()
    await settle()
    expect(sent.filter(s => s.method === 'POST')).toHaveLength(0)
    expect(errorUnder(wrapper, '[data-test="note-input"]')).toBe(i18n.global.t('notes.length', { min: 5, max: 2000 }))

    await wrapper.get('textarea[data-test="note-input"]').setValue('已联系卫生院')
    await wrapper.get('[data-test="note-form"]').trigger('submit')
    await flush()
    await settle()
    expect(sent.filter(s => s.method === 'POST')).toHaveLength(1)
    expect(errorUnder(wrapper, '[data-test="note-input"]')).toBe('must be 5 to 2000 characters')
    expect(wrapper.find('[data-test="note-error"]').exists()).toBe(false)
    // the text stays for the clerk to correct
    expect((wrapper.get('textarea[data-test="note-input"]').element as HTMLTextAreaElement).value).toBe('已联系卫生院')
    wrapper.unmount()
  })

  it('a unit that sees the case but keeps no notes on it (404) is told so, with no form and no error', async () => {
    caseApi(() => CASE, req => (path(req) === '/api/v1/cases/c1/notes'
      ? problem(404, { type: 'urn:minhu:problem:not-found', detail: 'No case c1' }) : undefined))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.get('[data-test="notes-not-kept"]').text()).toBe(i18n.global.t('notes.notKept'))
    expect(wrapper.find('[data-test="note-form"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="notes-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="case"]').text()).toContain(CASE.title)
    wrapper.unmount()
  })
})

describe('the officer (承办人) on the case page', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('shows the officer, and "assign to me" puts the token\'s subject in charge (PUT …/officer), showing the case as answered', async () => {
    signIn()
    let state: object = { ...CASE, officerId: null }
    const { sent } = caseApi(() => state, req => {
      if (req.method === 'PUT') {
        state = { ...CASE, officerId: 'li.wei', history: [{ action: 'assign-officer', fromStatus: 'SIGNED', toStatus: 'SIGNED',
          unitId: 'Z-WSJKQ-health', actor: 'li.wei', reason: 'officer li.wei', at: '2026-12-04T09:00:00+08:00' }] }
        return json(200, state)
      }
      return undefined
    })
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(wrapper.get('[data-test="officer-none"]').text()).toBe(i18n.global.t('officer.none'))
    await wrapper.get('[data-test="officer-take"]').trigger('click')
    await flush()
    const puts = sent.filter(s => s.method === 'PUT')
    expect(puts).toHaveLength(1)
    expect(puts[0]).toMatchObject({ url: '/api/v1/cases/c1/officer', body: { officerId: 'li.wei' }, headers: { Authorization: 'Bearer tok' } })
    expect(wrapper.get('[data-test="officer-id"]').text()).toBe('li.wei')
    expect(wrapper.find('[data-test="officer-mine"]').exists()).toBe(true)
    // already the officer: nothing more to take
    expect(wrapper.find('[data-test="officer-take"]').exists()).toBe(false)
    // the history names the new entry in the reader's language
    expect(wrapper.get('[data-test="history"] tbody tr').text()).toContain('指派承办人')
    wrapper.unmount()
  })

  it('offers "assign to me" only to the lead unit while the case is ASSIGNED, SIGNED or REOPENED', async () => {
    const offered = async (unitId: string, status: string) => {
      signIn(unitId)
      caseApi(() => ({ ...CASE, status, officerId: 'zhang.san' }))
      const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
      await flush()
      expect(wrapper.get('[data-test="officer-id"]').text()).toBe('zhang.san')
      const shown = wrapper.find('[data-test="officer-take"]').exists()
      wrapper.unmount()
      vi.unstubAllGlobals()
      return shown
    }
    expect(await offered('Z-WSJKQ-health', 'ASSIGNED')).toBe(true)
    expect(await offered('Z-WSJKQ-health', 'SIGNED')).toBe(true)
    expect(await offered('Z-WSJKQ-health', 'REOPENED')).toBe(true)
    expect(await offered('Z-WSJKQ-health', 'ANSWERED')).toBe(false)
    expect(await offered('Z-WSJKQ-health', 'RETURNED')).toBe(false)
    expect(await offered('Z-WSJKQ-water', 'SIGNED')).toBe(false) // a co-handler sees it but does not lead it
  })

  it('a 409 says why and shows the case as it is now; a 403 says why and changes nothing', async () => {
    signIn()
    let state: object = { ...CASE, officerId: null }
    const { sent } = caseApi(() => state, req => {
      if (req.method === 'PUT') {
        state = { ...CASE, status: 'RETURNED', allowedActions: [] }
        return problem(409, { type: 'urn:minhu:problem:conflict',
          detail: 'An officer is assigned while the case is the unit\'s to handle (ASSIGNED, SIGNED, REOPENED), not RETURNED' })
      }
      return undefined
    })
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('[data-test="officer-take"]').trigger('click')
    await flush()
    expect(wrapper.get('[data-test="officer-error"]').text()).toContain('not RETURNED')
    expect(sent.filter(s => s.method === 'GET' && s.url === '/api/v1/cases/c1')).toHaveLength(2)
    expect(wrapper.get('[data-test="case-status"]').text()).toBe('已退回')
    expect(wrapper.find('[data-test="officer-take"]').exists()).toBe(false)
    wrapper.unmount()
    vi.unstubAllGlobals()

    const forbidden = caseApi(() => ({ ...CASE, officerId: null }), req => (req.method === 'PUT'
      ? problem(403, { type: 'urn:minhu:problem:forbidden', detail: 'Only the staff of the lead unit Z-WSJKQ-health assign the case\'s officer' })
      : undefined))
    const second = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await second.wrapper.get('[data-test="officer-take"]').trigger('click')
    await flush()
    expect(second.wrapper.get('[data-test="officer-error"]').text())
      .toBe(i18n.global.t('officer.forbidden', { detail: 'Only the staff of the lead unit Z-WSJKQ-health assign the case\'s officer' }))
    expect(second.wrapper.find('[data-test="officer-id"]').exists()).toBe(false)
    expect(forbidden.sent.filter(s => s.method === 'GET' && s.url === '/api/v1/cases/c1')).toHaveLength(1)
    second.wrapper.unmount()
  })
})

describe('a reply template in the answer form', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    signIn()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    for (const k of Object.keys(textDrafts)) {
      delete textDrafts[k]
    }
  })

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function chooseTemplate(wrapper: any, id: string) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const select = wrapper.findAllComponents(ElSelect).find((s: any) => s.attributes('data-test') === 'template-select')
    expect(select).toBeTruthy()
    select.vm.$emit('update:modelValue', id)
    select.vm.$emit('change', id)
    await flush()
  }

  it('lists the unit\'s templates for the case\'s category and puts the filled draft in the reply box, sending nothing', async () => {
    const { sent } = caseApi(() => CASE, req => (req.method === 'POST' ? json(200, { ...CASE, status: 'ANSWERED', allowedActions: [] }) : undefined))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('[data-test="action-answer"]').trigger('click')
    await flush()
    const list = sent.find(s => path(s) === '/api/v1/units/Z-WSJKQ-health/reply-templates')!
    expect(params(list)).toEqual({ categoryCode: 'health' })
    expect(list.headers.Authorization).toBe('Bearer tok')
    await chooseTemplate(wrapper, 't-health')
    const draft = sent.find(s => path(s) === '/api/v1/cases/c1/reply-draft')!
    expect(params(draft)).toEqual({ templateId: 't-health' })
    const reply = wrapper.get('textarea[data-test="reply"]').element as HTMLTextAreaElement
    expect(reply.value).toBe('您反映的“关坝镇卫生院周末不开门诊”（受理编号CQ-20261202-000007）已收悉。[t-health]')
    expect(sent.filter(s => s.method !== 'GET')).toEqual([])

    // the clerk edits it and answers with the form's own button: the edited text is what is sent
    await wrapper.get('textarea[data-test="reply"]').setValue(`${reply.value}经核实，自本周起周六上午安排门诊。`)
    await wrapper.get('[data-test="action-form"]').trigger('submit')
    await flush()
    const posts = sent.filter(s => s.method === 'POST')
    expect(posts.map(p => p.url)).toEqual(['/api/v1/cases/c1/answer'])
    expect((posts[0].body as { reply: string }).reply).toContain('经核实，自本周起周六上午安排门诊。')
    wrapper.unmount()
  })

  it('asks before a draft replaces text already written, and keeps the text when told to', async () => {
    caseApi(() => CASE)
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('[data-test="action-answer"]').trigger('click')
    await flush()
    const reply = () => (wrapper.get('textarea[data-test="reply"]').element as HTMLTextAreaElement).value
    await wrapper.get('textarea[data-test="reply"]').setValue('我自己写的答复内容。')
    await chooseTemplate(wrapper, 't-any')
    expect(reply()).toBe('我自己写的答复内容。')
    await wrapper.get('[data-test="template-keep"]').trigger('click')
    await flush()
    expect(reply()).toBe('我自己写的答复内容。')
    expect(wrapper.find('[data-test="template-confirm"]').exists()).toBe(false)

    await chooseTemplate(wrapper, 't-any')
    await wrapper.get('[data-test="template-replace"]').trigger('click')
    await flush()
    expect(reply()).toContain('[t-any]')
    wrapper.unmount()
  })

  it('a unit with no template for the category gets a link to manage them instead of the select', async () => {
    caseApi(() => CASE, req => (path(req) === '/api/v1/units/Z-WSJKQ-health/reply-templates' ? json(200, []) : undefined))
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    await wrapper.get('[data-test="action-answer"]').trigger('click')
    await flush()
    expect(wrapper.find('[data-test="template-select"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="template-none"] a').attributes('href')).toBe('/desk/reply-templates')
    wrapper.unmount()
  })
})
