// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import FileRequest from '../src/views/citizen/FileRequest.vue'
import CaseDetail from '../src/views/desk/CaseDetail.vue'
import { auth } from '../src/stores/auth'
import { clearPetitionDraft, petitionDraft } from '../src/stores/drafts'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

/** 对承办单位隐藏我的姓名: offered where the category allows it, sent as contact.hideName, and the desk's view without the name. */

const CATEGORIES = [
  { code: 'water', name: { zh: '供水', en: 'Water supply' }, group: 'utilities', groupName: { zh: '公用事业', en: 'Utilities' },
    handling: 'NORMAL', keywords: [], nameHideable: true },
  { code: 'labour-dispute', name: { zh: '劳动争议', en: 'Labour disputes' }, group: 'labour', groupName: { zh: '劳动保障', en: 'Labour' },
    handling: 'NORMAL', keywords: [], nameHideable: false },
]

function api(rest: (req: Sent) => Response | Promise<Response>) {
  return fakeFetch(req => req.url.startsWith('/api/v1/categories') ? json(200, CATEGORIES)
    : req.url.startsWith('/api/v1/regions') ? json(200, [])
      : req.method === 'GET' && req.url.startsWith('/api/v1/petitions') ? json(200, { items: [], limit: 1 })
        : rest(req))
}

function fill(categoryCode: string) {
  Object.assign(petitionDraft, {
    title: '解放碑片区停水', description: '今天上午起停水，没有收到通知。', categoryCode,
    place: ['500103', '500103-JIEFANGBEI'], contactName: '王小明', contactPhone: '13812341234',
  })
}

const posts = (sent: Sent[]) => sent.filter(s => s.method === 'POST')

describe('hiding the name from the handling unit when filing', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    clearPetitionDraft()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    clearPetitionDraft()
  })

  it('offers the box only for a category that allows it, with its hint, and unticks it when another category is chosen', async () => {
    api(() => json(500, {}))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    expect(wrapper.find('[data-test="hide-name"]').exists()).toBe(false) // no category yet
    petitionDraft.categoryCode = 'labour-dispute'
    await flush()
    expect(wrapper.find('[data-test="hide-name"]').exists()).toBe(false)
    petitionDraft.categoryCode = 'water'
    await flush()
    expect(wrapper.get('[data-test="hide-name"]').text()).toBe('对承办单位隐藏我的姓名')
    expect(wrapper.get('[data-test="hide-name-hint"]').text()).toBe(i18n.global.t('file.hideNameHint'))
    await wrapper.get('[data-test="hide-name"] input').setValue(true)
    expect(petitionDraft.hideName).toBe(true)
    petitionDraft.categoryCode = 'labour-dispute'
    await flush()
    expect(wrapper.find('[data-test="hide-name"]').exists()).toBe(false)
    expect(petitionDraft.hideName).toBe(false)
    i18n.global.locale.value = 'en'
    petitionDraft.categoryCode = 'water'
    await flush()
    expect(wrapper.get('[data-test="hide-name"]').text()).toBe('Hide my name from the handling unit')
    i18n.global.locale.value = 'zh-CN'
    wrapper.unmount()
  })

  it('sends contact.hideName true when ticked, and leaves it out otherwise', async () => {
    const { sent } = api(() => json(201, { id: 'p1', trackingNumber: 'CQ-1', status: 'SUBMITTED' }))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill('water')
    await flush()
    await wrapper.get('[data-test="hide-name"] input').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(posts(sent)[0].body).toMatchObject({ categoryCode: 'water', contact: { name: '王小明', phone: '13812341234', hideName: true } })

    await wrapper.get('[data-test="filed"] button').trigger('click')
    await flush()
    fill('water')
    await flush()
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(posts(sent)[1].body).toMatchObject({ contact: { name: '王小明', phone: '13812341234' } })
    expect((posts(sent)[1].body as { contact: object }).contact).not.toHaveProperty('hideName')
    wrapper.unmount()
  })

  it('a 422 on contact.hideName shows under the box and nowhere else', async () => {
    api(() => problem(422, { type: 'urn:minhu:problem:unknown-value', title: 'Unknown value', detail: 'contact.hideName',
      errors: [{ field: 'contact.hideName', reason: 'category water does not allow hiding the name' }] }))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill('water')
    await flush()
    await wrapper.get('[data-test="hide-name"] input').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flush()
    await new Promise(r => setTimeout(r, 150))
    const item = wrapper.get('[data-test="hide-name-item"]').element as HTMLElement
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain('does not allow hiding the name')
    const nameItem = wrapper.get('[data-test="contact-name"]').element.closest('.el-form-item') as HTMLElement
    expect(nameItem.querySelector('.el-form-item__error')).toBeNull()
    wrapper.unmount()
  })
})

describe('the desk\'s view of a request whose petitioner hid their name', () => {
  const CASE = {
    id: 'c1', petitionId: 'p1', trackingNumber: 'CQ-1', title: '解放碑片区停水', categoryCode: 'water', handling: 'NORMAL',
    regionCode: '500103', status: 'SIGNED', leadUnitId: '500103-water', answerDeadline: '2026-12-09T18:00:00+08:00', overdue: false,
    returnCount: 0, flagged: false, finalRuling: false, reopenCount: 0, allowedActions: [], history: [],
  }
  const PETITION = {
    id: 'p1', trackingNumber: 'CQ-1', status: 'ACCEPTED', title: '解放碑片区停水', description: '停水。', submittedAt: '2026-12-02T09:00:00+08:00',
  }
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    i18n.global.locale.value = 'zh-CN'
  })

  function deskApi(contact: object) {
    fakeFetch(req => req.url.startsWith('/api/v1/cases/') ? json(200, CASE)
      : req.url === '/api/v1/petitions/p1' ? json(200, { ...PETITION, contact })
        : req.url.endsWith('/feedback') ? problem(404, { type: 'urn:minhu:problem:not-found' }) : json(200, []))
  }

  it('the unit sees the notice instead of an empty name, and the phone to call back', async () => {
    auth.signIn({ token: 'tok', role: 'unit_staff', sub: 's', unitId: '500103-water', expiresAt: Date.now() + 60_000 })
    deskApi({ phone: '13812341234', nameHidden: true })
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    const contact = wrapper.get('[data-test="request-contact"]')
    expect(contact.get('[data-test="name-hidden"]').text()).toBe('姓名已隐藏（诉求人要求）')
    expect(contact.get('a').attributes('href')).toBe('tel:13812341234')
    i18n.global.locale.value = 'en'
    await flush()
    expect(contact.get('[data-test="name-hidden"]').text()).toBe("Name hidden at the petitioner's request")
    wrapper.unmount()
  })

  it('the centre, which still sees the name, is told it is hidden from the unit; an ordinary contact has neither note', async () => {
    auth.signIn({ token: 'tok', role: 'governance', sub: 'gc', unitId: '500103-gc', expiresAt: Date.now() + 60_000 })
    deskApi({ name: '王小明', phone: '13812341234', nameHidden: true })
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    const contact = wrapper.get('[data-test="request-contact"]')
    expect(contact.text()).toContain('王小明')
    expect(contact.get('[data-test="name-hidden-from-units"]').text()).toContain('已对承办单位隐藏')
    expect(contact.find('[data-test="name-hidden"]').exists()).toBe(false)
    wrapper.unmount()

    deskApi({ name: '王小明', phone: '13812341234', nameHidden: false })
    const plain = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    expect(plain.wrapper.find('[data-test="name-hidden-from-units"]').exists()).toBe(false)
    expect(plain.wrapper.find('[data-test="name-hidden"]').exists()).toBe(false)
    plain.wrapper.unmount()
  })
})
