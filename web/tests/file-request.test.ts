// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import FileRequest from '../src/views/citizen/FileRequest.vue'
import { auth } from '../src/stores/auth'
import { clearPetitionDraft, petitionDraft } from '../src/stores/drafts'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

const CATEGORIES = [{ code: 'water', name: { zh: '供水', en: 'Water supply' }, group: 'utilities',
  groupName: { zh: '公用事业', en: 'Utilities' }, handling: 'NORMAL', keywords: ['停水'] }]

/** Answers the catalogue and the citizen's (empty) list of requests; everything else goes to `rest`. */
function api(rest: (req: Sent) => Response | Promise<Response>) {
  return (req: Sent) => req.url.startsWith('/api/v1/categories') ? json(200, CATEGORIES)
    : req.url.startsWith('/api/v1/regions') ? json(200, [])
      : req.method === 'GET' && req.url.startsWith('/api/v1/petitions') ? json(200, { items: [], limit: 1 })
        : rest(req)
}

function fill() {
  Object.assign(petitionDraft, {
    title: '解放碑片区停水', description: '今天上午起停水，没有收到通知。', categoryCode: 'water',
    place: ['500103', '500103-JIEFANGBEI'], contactName: '王小明', contactPhone: '13812341234',
  })
}

describe('filing a request', () => {
  beforeEach(() => {
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    clearPetitionDraft()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  it('shows each problem+json field error on its field', async () => {
    fakeFetch(api(() => problem(400, {
      type: 'urn:minhu:problem:validation', title: 'Invalid request', detail: 'Invalid value for: contact.phone',
      errors: [{ field: 'contact.phone', reason: 'must be a mainland mobile number (11 digits) or a landline such as 023-12345678' }],
    })))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill()
    petitionDraft.contactPhone = '12345'
    await wrapper.get('form').trigger('submit')
    await flush()
    await new Promise(r => setTimeout(r, 150)) // Element Plus shows a form item's error after a 100 ms debounce

    const phoneItem = wrapper.get('[data-test="contact-phone"]').element.closest('.el-form-item') as HTMLElement
    expect(phoneItem.querySelector('.el-form-item__error')?.textContent).toContain('mainland mobile number')
    const titleItem = wrapper.get('[data-test="title"]').element.closest('.el-form-item') as HTMLElement
    expect(titleItem.querySelector('.el-form-item__error')).toBeNull()
    expect(wrapper.get('[data-test="form-error"]').text()).toBeTruthy()
    wrapper.unmount()
  })

  it('a double tap files once: one POST while the first is in flight, with one Idempotency-Key', async () => {
    let release: (r: Response) => void = () => {}
    const { sent } = fakeFetch(api(() => new Promise<Response>(r => { release = r })))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill()
    await wrapper.get('form').trigger('submit')
    await wrapper.get('form').trigger('submit')
    await flush()
    const posts = () => sent.filter((s: Sent) => s.method === 'POST')
    expect(posts()).toHaveLength(1)
    release(json(201, { id: 'p1', trackingNumber: 'CQ-20261202-000001', status: 'SUBMITTED' }))
    await flush()
    expect(wrapper.get('[data-test="filed"]').text()).toContain('CQ-20261202-000001')
    expect(posts()[0].headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(posts()[0].headers.Authorization).toBe('Bearer tok')
    wrapper.unmount()
  })

  it('a retry after a failure sends the same key; the next request gets a new one', async () => {
    let answers = [problem(503, { type: 'urn:minhu:problem:unavailable', detail: 'petition-service cannot be reached' }),
      json(201, { id: 'p1', trackingNumber: 'CQ-1', status: 'SUBMITTED' }),
      json(201, { id: 'p2', trackingNumber: 'CQ-2', status: 'SUBMITTED' })]
    const { sent } = fakeFetch(api(() => answers.shift()!))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill()
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-test="form-error"]').text()).toContain('服务暂时不可用')
    expect(petitionDraft.title).toBe('解放碑片区停水')
    await wrapper.get('form').trigger('submit')
    await flush()
    const keys = sent.filter(s => s.method === 'POST').map(s => s.headers['Idempotency-Key'])
    expect(keys[1]).toBe(keys[0])
    expect(petitionDraft.title).toBe('')

    fill()
    await wrapper.get('[data-test="filed"] button').trigger('click')
    await flush()
    await wrapper.get('form').trigger('submit')
    await flush()
    const third = sent.filter(s => s.method === 'POST').map(s => s.headers['Idempotency-Key'])[2]
    expect(third).not.toBe(keys[0])
    answers = []
    wrapper.unmount()
  })

  it('prefills the contact from the citizen\'s latest request (the API has no profile)', async () => {
    fakeFetch(req => req.url.startsWith('/api/v1/categories') ? json(200, CATEGORIES)
      : req.url.startsWith('/api/v1/petitions?') ? json(200, { items: [{ id: 'p9' }], limit: 1 })
        : req.url === '/api/v1/petitions/p9' ? json(200, { id: 'p9', contact: { name: '王小明', phone: '13812341234' } })
          : json(200, []))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    expect((wrapper.get('[data-test="contact-name"]').element as HTMLInputElement).value).toBe('王小明')
    expect(petitionDraft.contactPhone).toBe('13812341234')
    wrapper.unmount()
  })
})
