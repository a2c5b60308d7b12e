// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import RequestDetail from '../src/views/citizen/RequestDetail.vue'
import AuditRequestDetail from '../src/views/audit/AuditRequestDetail.vue'
import { auth } from '../src/stores/auth'
import { clearAllDrafts } from '../src/stores/drafts'
import { evidenceByUnit, uploadAttachment } from '../src/api/attachments'
import { i18n } from '../src/i18n'
import { fakeFetch, fakeXhr, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
const ADDED_PHOTO = {
  id: 'f7', filename: 'saturday.jpg', contentType: 'image/jpeg', size: 5000, kind: 'ADDITION', additionId: '41',
  url: '/api/v1/petitions/p1/attachments/f7', thumbnailUrl: '/api/v1/petitions/p1/attachments/f7/thumbnail',
}
const NOTICE = {
  id: 'e1', filename: 'rectification.pdf', contentType: 'application/pdf', size: 9000, kind: 'EVIDENCE',
  url: '/api/v1/petitions/p1/attachments/e1', uploaderUnit: { zh: '渝中区卫生健康委', en: 'Yuzhong Health Commission' },
}
const REPAIR = { ...NOTICE, id: 'e2', filename: 'repair.pdf', url: '/api/v1/petitions/p1/attachments/e2' }
const OTHER_UNIT = { ...NOTICE, id: 'e3', filename: 'street.pdf', url: '/api/v1/petitions/p1/attachments/e3',
  uploaderUnit: { zh: '解放碑街道', en: 'Jiefangbei Subdistrict' } }
const PETITION = {
  id: 'p1', trackingNumber: 'CQ-20261202-000007', status: 'ASSIGNED', title: 'clinic closed at weekends',
  description: 'No doctor at the weekend.', submittedAt: '2026-12-02T09:00:00+08:00',
  allowedActions: ['withdraw', 'add-information'], attachments: [],
  timeline: [{ status: 'ASSIGNED', at: '2026-12-02T09:10:00+08:00', actorType: 'GOVERNANCE_CENTRE' }],
}
const ADDITION_ENTRY = { status: 'ASSIGNED', at: '2026-12-02T09:30:00+08:00', actorType: 'CITIZEN', kind: 'ADDITION', note: '周六上午也不开门。', additionId: '41' }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function choose(wrapper: any, selector: string, file: File) {
  const input = wrapper.get(selector)
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  return input.trigger('change')
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  let n = 0
  URL.createObjectURL = vi.fn(() => `blob:http://localhost/${++n}`) as typeof URL.createObjectURL
  URL.revokeObjectURL = vi.fn()
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  clearAllDrafts()
  auth.signOut()
})

function petitionApi(petition: () => object, addition: () => Response = () => json(201, { id: '41', petitionId: 'p1', text: 'x', addedAt: '2026-12-02T09:30:00+08:00' })) {
  return fakeFetch((req: Sent) => req.url.endsWith('/feedback') ? problem(404, { type: 'urn:minhu:problem:not-found' })
    : req.url.endsWith('/thumbnail') ? new Response(JPEG_BYTES, { status: 200, headers: { 'Content-Type': 'image/jpeg' } })
      : req.url === '/api/v1/petitions/p1/additions' ? addition()
        : req.url === '/api/v1/petitions/p1' ? json(200, petition())
          : json(200, []))
}

describe('files on an addition (补充诉求)', () => {
  beforeEach(() => auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 }))

  it('uploadAttachment sends kind and additionId beside the file, and neither when not asked', async () => {
    const { sent } = fakeXhr(() => ({ status: 201, body: ADDED_PHOTO }))
    await uploadAttachment('p1', new File([JPEG_BYTES], 'a.jpg', { type: 'image/jpeg' }), () => {}, { kind: 'ADDITION', additionId: '41' })
    await uploadAttachment('p1', new File([JPEG_BYTES], 'b.jpg', { type: 'image/jpeg' }))
    expect(sent[0].body.get('kind')).toBe('ADDITION')
    expect(sent[0].body.get('additionId')).toBe('41')
    expect(sent[1].body.get('kind')).toBeNull()
    expect(sent[1].body.get('additionId')).toBeNull()
  })

  it('after the addition is posted its files go with its id; a refused file stays with its reason and is sent again on retry', async () => {
    let state: object = PETITION
    const { sent: reads } = petitionApi(() => state)
    let answers = [{ status: 503, headers: { 'Retry-After': '20' }, body: { type: 'urn:minhu:problem:unavailable', detail: 'object store unavailable' } },
      { status: 201, body: ADDED_PHOTO }]
    const { sent: uploads } = fakeXhr(() => answers.shift()!)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="add-information"]').trigger('click')
    await wrapper.get('textarea[data-test="addition-text"]').setValue('周六上午也不开门。')
    state = { ...PETITION, timeline: [...PETITION.timeline, { ...ADDITION_ENTRY, attachments: [] }] }
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await flush()
    // the text is posted; the panel for its files offers 3
    expect(wrapper.get('[data-test="timeline-addition"]').text()).toContain('周六上午也不开门。')
    const panel = wrapper.get('[data-test="addition-files"]')
    expect(panel.text()).toContain(i18n.global.t('attachments.additionIntro', { max: 3 }))

    await choose(wrapper, '[data-test="addition-files"] input[data-test="attachment-input"]', new File([JPEG_BYTES], 'saturday.jpg', { type: 'image/jpeg' }))
    await flush()
    expect(uploads).toHaveLength(1)
    expect(uploads[0].body.get('additionId')).toBe('41')
    expect(uploads[0].body.get('kind')).toBe('ADDITION')
    const error = wrapper.get('[data-test="addition-files"] [data-test="attachment-error"]').text()
    expect(error).toContain('saturday.jpg')
    expect(error).toContain('object store unavailable')
    expect(wrapper.get('[data-test="timeline-addition"]').text()).toContain('周六上午也不开门。') // the addition is not lost

    const readsBefore = reads.filter(s => s.url === '/api/v1/petitions/p1').length
    state = { ...PETITION, timeline: [...PETITION.timeline, { ...ADDITION_ENTRY, attachments: [ADDED_PHOTO] }] }
    await wrapper.get('[data-test="attachment-retry"]').trigger('click')
    await flush()
    expect(uploads).toHaveLength(2)
    expect((uploads[1].body.get('file') as File).name).toBe('saturday.jpg')
    expect(uploads[1].body.get('additionId')).toBe('41')
    expect(reads.filter(s => s.url === '/api/v1/petitions/p1').length).toBe(readsBefore + 1)
    expect(wrapper.find('[data-test="addition-files"] [data-test="attachment-error"]').exists()).toBe(false)
    // the timeline shows the addition's photo as a thumbnail
    const files = wrapper.get('[data-test="timeline-addition-files-41"]')
    expect(files.get('[data-test="attachment-thumb-f7"]').attributes('src')).toMatch(/^blob:/)
    answers = []
    wrapper.unmount()
  })

  it('with 3 files on the addition no more can be chosen', async () => {
    const three = [0, 1, 2].map(i => ({ ...ADDED_PHOTO, id: `f${i}`, url: `/api/v1/petitions/p1/attachments/f${i}`, thumbnailUrl: undefined }))
    let state: object = PETITION
    petitionApi(() => state)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="add-information"]').trigger('click')
    await wrapper.get('textarea[data-test="addition-text"]').setValue('周六上午也不开门。')
    state = { ...PETITION, timeline: [...PETITION.timeline, { ...ADDITION_ENTRY, attachments: three }] }
    await wrapper.get('[data-test="addition-form"]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-test="addition-files"]').find('[data-test="attachment-upload"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="timeline-addition-files-41"]').findAll('[data-test^="attachment-open-"]')).toHaveLength(3)
    wrapper.unmount()
  })
})

describe('evidence (办结材料) on the request', () => {
  it('groups evidence by the unit that uploaded it, in order', () => {
    const groups = evidenceByUnit([NOTICE, OTHER_UNIT, REPAIR])
    expect(groups.map(g => g.unit?.en)).toEqual(['Yuzhong Health Commission', 'Jiefangbei Subdistrict'])
    expect(groups[0].files.map(f => f.id)).toEqual(['e1', 'e2'])
    expect(evidenceByUnit(undefined)).toEqual([])
  })

  it('the citizen sees it apart from their own files, under each unit\'s name, in English too', async () => {
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    i18n.global.locale.value = 'en'
    petitionApi(() => ({ ...PETITION, evidence: [NOTICE, REPAIR, OTHER_UNIT] }))
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    const evidence = wrapper.get('[data-test="evidence"]')
    expect(evidence.text()).toContain('Evidence of handling')
    expect(wrapper.get('[data-test="evidence-unit-0"]').text()).toContain('Evidence from Yuzhong Health Commission')
    expect(wrapper.get('[data-test="evidence-unit-0"]').findAll('[data-test^="attachment-open-"]')).toHaveLength(2)
    expect(wrapper.get('[data-test="evidence-unit-1"]').text()).toContain('Evidence from Jiefangbei Subdistrict')
    expect(wrapper.get('[data-test="attachments"]').text()).not.toContain('rectification.pdf')
    wrapper.unmount()
  })

  it('no evidence: no evidence card', async () => {
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    petitionApi(() => PETITION)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    expect(wrapper.find('[data-test="evidence"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('an auditor sees evidence and an addition\'s files by name only, nothing fetched', async () => {
    auth.signIn({ token: 'tok-aud', role: 'auditor', sub: 'a', unitId: null, expiresAt: Date.now() + 60_000 })
    const { sent } = petitionApi(() => ({ ...PETITION, allowedActions: [], evidence: [NOTICE],
      timeline: [...PETITION.timeline, { ...ADDITION_ENTRY, attachments: [ADDED_PHOTO] }] }))
    const { wrapper } = await mountScreen(AuditRequestDetail, '/audit/requests/p1')
    await flush()
    expect(wrapper.get('[data-test="evidence"]').text()).toContain('渝中区卫生健康委')
    expect(wrapper.get('[data-test="evidence"]').find('button').exists()).toBe(false)
    const files = wrapper.get('[data-test="timeline-addition-files-41"]')
    expect(files.text()).toContain('saturday.jpg')
    expect(files.find('img').exists()).toBe(false)
    expect(sent.filter(s => s.url.includes('/attachments/'))).toHaveLength(0)
    wrapper.unmount()
  })
})
