// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import RequestDetail from '../src/views/citizen/RequestDetail.vue'
import FileRequest from '../src/views/citizen/FileRequest.vue'
import CaseDetail from '../src/views/desk/CaseDetail.vue'
import { auth } from '../src/stores/auth'
import { clearAllDrafts, clearPetitionDraft, petitionDraft } from '../src/stores/drafts'
import { apiPath, fileProblem } from '../src/api/attachments'
import { formatSize } from '../src/format'
import { i18n } from '../src/i18n'
import { fakeFetch, fakeXhr, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

const PHOTO = {
  id: 'a1', filename: 'pharmacy.jpg', contentType: 'image/jpeg', size: 183204, createdAt: '2026-12-02T09:05:00+08:00',
  url: '/api/v1/petitions/p1/attachments/a1', thumbnailUrl: '/api/v1/petitions/p1/attachments/a1/thumbnail',
}
const PDF = {
  id: 'a2', filename: 'notice.pdf', contentType: 'application/pdf', size: 2_516_582, createdAt: '2026-12-02T09:06:00+08:00',
  url: '/api/v1/petitions/p1/attachments/a2',
}
const PETITION = {
  id: 'p1', trackingNumber: 'CQ-20261202-000007', status: 'ASSIGNED', title: 'clinic closed at weekends',
  description: 'No doctor at the weekend.', submittedAt: '2026-12-02T09:00:00+08:00',
  allowedActions: ['withdraw', 'add-information'], timeline: [], attachments: [PHOTO, PDF],
}
const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function choose(wrapper: any, selector: string, ...files: File[]) {
  const input = wrapper.get(selector)
  Object.defineProperty(input.element, 'files', { value: files, configurable: true })
  return input.trigger('change')
}

function sized(name: string, type: string, size: number): File {
  const f = new File([new Uint8Array(4)], name, { type })
  Object.defineProperty(f, 'size', { value: size })
  return f
}

let objectUrls: string[]
beforeEach(() => {
  i18n.global.locale.value = 'zh-CN'
  objectUrls = []
  URL.createObjectURL = vi.fn(() => {
    objectUrls.push(`blob:http://localhost/${objectUrls.length + 1}`)
    return objectUrls[objectUrls.length - 1]
  }) as typeof URL.createObjectURL
  URL.revokeObjectURL = vi.fn()
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  clearAllDrafts()
  auth.signOut()
})

/** The request p1 (as `petition()` says each time), thumbnails as JPEG bytes, no feedback rounds. */
function citizenApi(petition: () => object) {
  return fakeFetch((req: Sent) => req.url.endsWith('/feedback') ? problem(404, { type: 'urn:minhu:problem:not-found' })
    : req.url.endsWith('/thumbnail') ? new Response(JPEG_BYTES, { status: 200, headers: { 'Content-Type': 'image/jpeg' } })
      : req.url === '/api/v1/petitions/p1' ? json(200, petition())
        : json(404, {}))
}

describe('attachments on the citizen\'s request page', () => {
  beforeEach(() => auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 }))

  it('fetches each image\'s thumbnail with the token and shows it from an object URL; a PDF shows its name and size; leaving revokes the URL', async () => {
    const { sent } = citizenApi(() => PETITION)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    const thumbs = sent.filter(s => s.url.includes('/attachments/'))
    expect(thumbs.map(s => s.url)).toEqual(['/api/v1/petitions/p1/attachments/a1/thumbnail']) // none for the PDF
    expect(thumbs[0].headers.Authorization).toBe('Bearer tok')
    const img = wrapper.get('[data-test="attachment-thumb-a1"]')
    expect(img.attributes('src')).toBe(objectUrls[0])
    expect(img.attributes('src')).toMatch(/^blob:/)
    // decorative: the button around it is named by its visible name and size (axe's label-content-name-mismatch)
    expect(img.attributes('alt')).toBe('')
    expect(wrapper.find('[data-test^="attachment-open-"]').attributes('aria-label')).toBeUndefined()
    expect(wrapper.find('[data-test^="attachment-open-"]').text()).toContain('pharmacy.jpg')
    // nowhere is a token or an API address put in an <img src>
    expect(wrapper.findAll('img').map(i => i.attributes('src'))).toEqual([objectUrls[0]])
    const pdf = wrapper.get('[data-test="attachment-a2"]')
    expect(pdf.find('img').exists()).toBe(false)
    expect(pdf.text()).toContain('notice.pdf')
    expect(pdf.text()).toContain('2.4 MB')
    wrapper.unmount()
    expect(URL.revokeObjectURL).toHaveBeenCalledWith(objectUrls[0])
  })

  it('a tap downloads the file with the token and saves it through a Blob URL', async () => {
    const saved: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { saved.push(this.download) })
    const { sent } = fakeFetch((req: Sent) => req.url === '/api/v1/petitions/p1' ? json(200, { ...PETITION, attachments: [PDF] })
      : req.url === PDF.url ? new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), { status: 200, headers: { 'Content-Type': 'application/pdf' } })
        : problem(404, {}))
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await wrapper.get('[data-test="attachment-open-a2"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.url === PDF.url).map(s => s.headers.Authorization)).toEqual(['Bearer tok'])
    expect(saved).toEqual(['notice.pdf'])
    wrapper.unmount()
  })

  it.each([
    [['add-information'], 4, true],
    [['withdraw', 'add-information'], 0, true],
    [['add-information'], 5, false],
    [['withdraw'], 0, false],
    [[], 2, false],
  ])('allowedActions %j with %d files: the add control shown %s', async (allowed, count, shown) => {
    const attachments = Array.from({ length: count }, (_, i) => ({ ...PDF, id: `f${i}`, url: `/api/v1/petitions/p1/attachments/f${i}` }))
    citizenApi(() => ({ ...PETITION, allowedActions: allowed, attachments }))
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    expect(wrapper.find('[data-test="attachment-upload"]').exists()).toBe(shown)
    expect(wrapper.find('input[data-test="attachment-input"]').exists()).toBe(shown)
    wrapper.unmount()
  })

  it('the file input accepts JPEG, PNG and PDF, and the camera input may capture', async () => {
    citizenApi(() => PETITION)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    expect(wrapper.get('input[data-test="attachment-input"]').attributes('accept')).toBe('image/jpeg,image/png,application/pdf')
    expect(wrapper.get('input[data-test="attachment-camera-input"]').attributes('capture')).toBe('environment')
    wrapper.unmount()
  })

  it.each([
    ['too large', sized('big.jpg', 'image/jpeg', 10 * 1024 * 1024 + 1), 'attachments.tooLarge'],
    ['a HEIC photo', sized('IMG_0001.heic', 'image/heic', 1000), 'attachments.wrongType'],
    ['a Word file', sized('letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 1000), 'attachments.wrongType'],
  ])('%s is refused before anything is sent, with a clear message', async (_, file, key) => {
    citizenApi(() => PETITION)
    const { sent } = fakeXhr(() => ({ status: 201, body: PHOTO }))
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await choose(wrapper, 'input[data-test="attachment-input"]', file)
    await flush()
    expect(sent).toHaveLength(0)
    expect(wrapper.get('[data-test="attachment-error"]').text()).toBe(i18n.global.t(key, { name: file.name, max: 10 }))
    wrapper.unmount()
  })

  it('a 415 from the service shows its detail; a 503 says when to try again', async () => {
    citizenApi(() => PETITION)
    let answer: { status: number; body: object; headers?: Record<string, string> } = { status: 415, body: {
      type: 'urn:minhu:problem:unsupported-media-type', detail: 'The content is not JPEG, PNG or PDF (it looks like WebP)',
      errors: [{ field: 'file', reason: 'The content is not JPEG, PNG or PDF (it looks like WebP)' }] } }
    const { sent } = fakeXhr(() => answer)
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await choose(wrapper, 'input[data-test="attachment-input"]', new File([JPEG_BYTES], 'renamed.jpg', { type: 'image/jpeg' }))
    await flush()
    expect(sent).toHaveLength(1)
    expect(wrapper.get('[data-test="attachment-error"] .el-alert__title').text()).toBe(i18n.global.t('attachments.failedFile', { name: 'renamed.jpg',
      message: i18n.global.t('attachments.serverWrongType', { detail: 'The content is not JPEG, PNG or PDF (it looks like WebP)' }) }))

    answer = { status: 503, headers: { 'Retry-After': '30' }, body: { type: 'urn:minhu:problem:unavailable',
      detail: 'Files cannot be stored or read right now (the object store is unavailable); nothing was attached. Try again later.' } }
    await choose(wrapper, 'input[data-test="attachment-input"]', new File([JPEG_BYTES], 'photo.jpg', { type: 'image/jpeg' }))
    await flush()
    const text = wrapper.get('[data-test="attachment-error"]').text()
    expect(text).toContain('the object store is unavailable')
    expect(text).toContain('30')
    wrapper.unmount()
  })

  it('an accepted upload sends the file as multipart field "file" with the token, shows progress, then reads the request again', async () => {
    let state: object = { ...PETITION, attachments: [] }
    const { sent: reads } = citizenApi(() => state)
    let finish: (a: { status: number; body: object }) => void = () => {}
    const { sent } = fakeXhr(() => new Promise(r => { finish = r }), [40])
    const { wrapper } = await mountScreen(RequestDetail, '/mine/p1')
    await flush()
    await choose(wrapper, 'input[data-test="attachment-input"]', new File([JPEG_BYTES], 'pharmacy.jpg', { type: 'image/jpeg' }))
    await flush()
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/v1/petitions/p1/attachments', headers: { Authorization: 'Bearer tok' } })
    expect((sent[0].body.get('file') as File).name).toBe('pharmacy.jpg')
    expect(wrapper.get('[data-test="attachment-progress"]').text()).toContain('40%')
    const before = reads.filter(s => s.url === '/api/v1/petitions/p1').length
    state = { ...PETITION, attachments: [PHOTO] }
    finish({ status: 201, body: PHOTO })
    await flush()
    expect(reads.filter(s => s.url === '/api/v1/petitions/p1').length).toBe(before + 1)
    expect(wrapper.find('[data-test="attachment-progress"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="attachment-thumb-a1"]').attributes('src')).toMatch(/^blob:/)
    wrapper.unmount()
  })
})

describe('attaching while filing', () => {
  const CATEGORIES = [{ code: 'water', name: { zh: '供水', en: 'Water supply' }, group: 'utilities',
    groupName: { zh: '公用事业', en: 'Utilities' }, handling: 'NORMAL', keywords: [] }]
  beforeEach(() => {
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    clearPetitionDraft()
  })

  function filingApi(filed: () => Response) {
    return fakeFetch((req: Sent) => req.url.startsWith('/api/v1/categories') ? json(200, CATEGORIES)
      : req.url.startsWith('/api/v1/regions') ? json(200, [])
        : req.method === 'GET' ? json(200, { items: [], limit: 1 })
          : filed())
  }
  function fill() {
    Object.assign(petitionDraft, {
      title: 'No water since morning', description: 'No water since this morning and no notice.', categoryCode: 'water',
      place: ['500103', '500103-JIEFANGBEI'], contactName: 'Wang', contactPhone: '13812341234',
    })
  }

  it('uploads the chosen photo after the 201, and a failed upload still shows the filed request with a way to add it later', async () => {
    const order: string[] = []
    const { sent: calls } = filingApi(() => {
      order.push('file')
      return json(201, { id: 'p9', trackingNumber: 'CQ-20261202-000009', status: 'SUBMITTED' })
    })
    const { sent: uploads } = fakeXhr(req => {
      order.push(`upload ${req.url}`)
      return { status: 503, headers: { 'Retry-After': '30' }, body: { type: 'urn:minhu:problem:unavailable', detail: 'object store unavailable' } }
    })
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill()
    await choose(wrapper, 'input[data-test="filing-file-input"]', new File([JPEG_BYTES], 'burst-pipe.jpg', { type: 'image/jpeg' }))
    await flush()
    expect(wrapper.get('[data-test="filing-files"]').text()).toContain('burst-pipe.jpg')
    expect(uploads).toHaveLength(0) // nothing is sent before the request exists

    await wrapper.get('form').trigger('submit')
    await flush(10)
    expect(order).toEqual(['file', 'upload /api/v1/petitions/p9/attachments'])
    const post = calls.find(s => s.method === 'POST')!
    expect(post.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/) // filing as before
    expect(post.body).not.toHaveProperty('attachments')
    expect((uploads[0].body.get('file') as File).name).toBe('burst-pipe.jpg')
    expect(uploads[0].headers.Authorization).toBe('Bearer tok')
    expect(wrapper.get('[data-test="filed"]').text()).toContain('CQ-20261202-000009')
    const warning = wrapper.get('[data-test="filed-upload-failed"]').text()
    expect(warning).toContain(i18n.global.t('attachments.filedButNotAttached', { tracking: 'CQ-20261202-000009', n: 1 }))
    expect(warning).toContain('burst-pipe.jpg')
    expect(warning).toContain('object store unavailable')
    expect(wrapper.get('[data-test="filed"] a').attributes('href')).toBe('/mine/p9')
    wrapper.unmount()
  })

  it('an accepted upload says so; a wrong file is refused when chosen and never sent', async () => {
    filingApi(() => json(201, { id: 'p9', trackingNumber: 'CQ-9', status: 'SUBMITTED' }))
    const { sent: uploads } = fakeXhr(() => ({ status: 201, body: PHOTO }))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill()
    await choose(wrapper, 'input[data-test="filing-file-input"]',
      new File([JPEG_BYTES], 'photo.jpg', { type: 'image/jpeg' }), sized('movie.mp4', 'video/mp4', 1000))
    await flush()
    await new Promise(r => setTimeout(r, 150)) // Element Plus shows a form item's error after a debounce
    const item = wrapper.get('[data-test="filing-files-item"]').element as HTMLElement
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain('movie.mp4')
    expect(wrapper.get('[data-test="filing-files"]').findAll('li')).toHaveLength(1)
    await wrapper.get('form').trigger('submit')
    await flush(10)
    expect(uploads.map(u => (u.body.get('file') as File).name)).toEqual(['photo.jpg'])
    expect(wrapper.get('[data-test="filed-upload-0"]').attributes('data-state')).toBe('done')
    expect(wrapper.find('[data-test="filed-upload-failed"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('attachments at the desk', () => {
  const CASE = {
    id: 'c1', petitionId: 'p1', trackingNumber: 'CQ-20261202-000007', title: 't', categoryCode: 'health', handling: 'NORMAL',
    regionCode: 'Z-WSJKQ', status: 'ASSIGNED', leadUnitId: 'Z-WSJKQ-health', answerDeadline: '2026-12-09T18:00:00+08:00',
    overdue: false, returnCount: 0, flagged: false, finalRuling: false, reopenCount: 0, allowedActions: ['sign'], history: [],
  }
  function deskApi() {
    return fakeFetch((req: Sent) => req.url.startsWith('/api/v1/cases/') ? json(200, CASE)
      : req.url === '/api/v1/petitions/p1' ? json(200, { ...PETITION, allowedActions: [] })
        : req.url.endsWith('/thumbnail') ? new Response(JPEG_BYTES, { status: 200, headers: { 'Content-Type': 'image/jpeg' } })
          : json(200, []))
  }

  it('the handling unit sees the request\'s photo as a thumbnail and the PDF by name, fetched with its token', async () => {
    auth.signIn({ token: 'tok-unit', role: 'unit_staff', sub: 's', unitId: 'Z-WSJKQ-health', expiresAt: Date.now() + 60_000 })
    const { sent } = deskApi()
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    const list = wrapper.get('[data-test="request"] [data-test="attachment-list"]')
    expect(list.get('[data-test="attachment-thumb-a1"]').attributes('src')).toBe(objectUrls[0])
    expect(list.get('[data-test="attachment-a2"]').text()).toContain('notice.pdf')
    expect(sent.filter(s => s.url === PHOTO.thumbnailUrl).map(s => s.headers.Authorization)).toEqual(['Bearer tok-unit'])
    expect(wrapper.find('[data-test="attachment-upload"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('an auditor sees the list without content: nothing fetched, nothing to open', async () => {
    auth.signIn({ token: 'tok-aud', role: 'auditor', sub: 'a', unitId: null, expiresAt: Date.now() + 60_000 })
    const { sent } = deskApi()
    const { wrapper } = await mountScreen(CaseDetail, '/desk/cases/c1')
    await flush()
    const list = wrapper.get('[data-test="attachment-list"]')
    expect(list.text()).toContain('pharmacy.jpg')
    expect(list.text()).toContain('notice.pdf')
    expect(list.find('img').exists()).toBe(false)
    expect(list.find('button').exists()).toBe(false)
    expect(wrapper.get('[data-test="attachments-list-only"]').text()).toBe(i18n.global.t('attachments.listOnly'))
    expect(sent.filter(s => s.url.includes('/attachments/'))).toHaveLength(0)
    wrapper.unmount()
  })
})

describe('attachment helpers', () => {
  it('checks type and size, reading the type from the name when the browser gives none', () => {
    expect(fileProblem({ name: 'a.jpg', type: 'image/jpeg', size: 10 * 1024 * 1024 })).toBeNull()
    expect(fileProblem({ name: 'a.jpg', type: 'image/jpeg', size: 10 * 1024 * 1024 + 1 })).toBe('attachments.tooLarge')
    expect(fileProblem({ name: 'scan.PDF', type: '', size: 10 })).toBeNull()
    expect(fileProblem({ name: 'a.webp', type: 'image/webp', size: 10 })).toBe('attachments.wrongType')
    expect(fileProblem({ name: 'a.png', type: 'image/png', size: 0 })).toBe('attachments.empty')
  })

  it('sends the token only to the gateway\'s own /api paths', () => {
    expect(apiPath('/api/v1/petitions/p1/attachments/a1')).toBe('/api/v1/petitions/p1/attachments/a1')
    expect(apiPath(`${window.location.origin}/api/v1/x`)).toBe('/api/v1/x')
    expect(apiPath('https://evil.example/api/v1/x')).toBeNull()
    expect(apiPath('/dev/tokens')).toBeNull()
  })

  it('writes sizes per locale', () => {
    expect(formatSize(812, 'en')).toBe('812 B')
    expect(formatSize(183204, 'en')).toBe('179 KB')
    expect(formatSize(2_516_582, 'zh-CN')).toBe('2.4 MB')
  })
})
