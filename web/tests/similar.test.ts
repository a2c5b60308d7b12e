// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import FileRequest from '../src/views/citizen/FileRequest.vue'
import MyRequests from '../src/views/citizen/MyRequests.vue'
import { auth } from '../src/stores/auth'
import { clearPetitionDraft, emptyDraft, petitionDraft } from '../src/stores/drafts'
import { i18n } from '../src/i18n'
import { similarQuery } from '../src/api/similar'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

const CATEGORIES = [{ code: 'traffic-parking', name: { zh: '交通出行与停车', en: 'Traffic and parking' }, group: 'traffic',
  groupName: { zh: '交通', en: 'Traffic' }, handling: 'NORMAL', keywords: ['停车'] }]

const NANPING = { code: '500108-NANPING', name: { zh: '南坪街道', en: 'Nanping' } }

/** Two open requests as `similar` answers them: masked titles, one filed by the caller. */
const OTHER = { id: 's1', trackingNumber: 'CQ-20261124-000123', title: '南坪片区夜间停车难，电话***********',
  status: 'ASSIGNED', filedAt: '2026-11-24', region: { code: '500108', name: { zh: '南岸区', en: 'Nan\'an' } }, town: NANPING,
  distanceMeters: 300, similarity: 0.42, supporters: 3, supporting: false, yours: false }
const MINE = { id: 's2', trackingNumber: 'CQ-20261120-000007', title: '南坪夜里停车太难了', status: 'SUBMITTED',
  filedAt: '2026-11-20', region: OTHER.region, similarity: 0.31, supporters: 0, supporting: false, yours: true }

const DEBOUNCE = 600
const wait = (ms: number) => new Promise(r => setTimeout(r, ms))

const isSimilar = (req: Sent) => req.url.startsWith('/api/v1/petitions/similar')
const params = (req: Sent) => new URL(req.url, 'http://localhost').searchParams

/** The catalogue, the citizen's (empty) list; `similar` and everything else to `rest`. */
function api(rest: (req: Sent) => Response | Promise<Response>) {
  return (req: Sent) => req.url.startsWith('/api/v1/categories') ? json(200, CATEGORIES)
    : req.url.startsWith('/api/v1/regions') ? json(200, [])
      : req.method === 'GET' && req.url.startsWith('/api/v1/petitions?') ? json(200, { items: [], limit: 1 })
        : rest(req)
}

function fill(title = '南坪晚上停车很难') {
  Object.assign(petitionDraft, {
    title, description: '每天晚上\n小区门口停满了车，\r\n希望增设停车位。', categoryCode: 'traffic-parking',
    place: ['500108', '500108-NANPING'], contactName: '王小明', contactPhone: '13812341234',
  })
}

describe('similar requests while filing (重复诉求提示) and 附议', () => {
  beforeEach(() => {
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    clearPetitionDraft()
    i18n.global.locale.value = 'zh-CN'
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    i18n.global.locale.value = 'zh-CN'
  })

  it('builds the query only from a category, a district and a 4-character title; line breaks as spaces, 200 at most', () => {
    expect(similarQuery({ ...emptyDraft(), categoryCode: 'traffic-parking', place: ['500108'], title: '停车难' })).toBeNull()
    expect(similarQuery({ ...emptyDraft(), place: ['500108'], title: '南坪停车难' })).toBeNull()
    expect(similarQuery({ ...emptyDraft(), categoryCode: 'traffic-parking', title: '南坪停车难' })).toBeNull()
    const q = similarQuery({ ...emptyDraft(), categoryCode: 'traffic-parking', place: ['500108'], title: ' 南坪停车难 ',
      description: `第一行\r\n第二行\t${'很'.repeat(300)}` })
    expect(q).toEqual({ categoryCode: 'traffic-parking', regionCode: '500108', title: '南坪停车难',
      description: `第一行 第二行 ${'很'.repeat(200 - 8)}` })
    expect(q!.description).toHaveLength(200)
  })

  it('shows the masked requests after the debounce, asked once with the form\'s category, place, title and description', async () => {
    const { sent } = fakeFetch(api(req => isSimilar(req) ? json(200, { items: [OTHER, MINE] }) : json(404, {})))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill('南坪')
    await flush()
    petitionDraft.title = '南坪晚'
    await flush()
    petitionDraft.title = '南坪晚上停车很难'
    await wait(DEBOUNCE / 2)
    expect(sent.filter(isSimilar)).toHaveLength(0)
    expect(wrapper.find('[data-test="similar"]').exists()).toBe(false)
    await wait(DEBOUNCE)
    await flush()

    const asked = sent.filter(isSimilar)
    expect(asked).toHaveLength(1)
    expect(asked[0].headers.Authorization).toBe('Bearer tok')
    const p = params(asked[0])
    expect(p.get('categoryCode')).toBe('traffic-parking')
    expect(p.get('regionCode')).toBe('500108')
    expect(p.get('townCode')).toBe('500108-NANPING')
    expect(p.get('title')).toBe('南坪晚上停车很难')
    expect(p.get('description')).toBe('每天晚上 小区门口停满了车， 希望增设停车位。')

    const panel = wrapper.get('[data-test="similar"]')
    expect(panel.get('h2').text()).toBe('可能相同的诉求')
    const other = panel.get('[data-test="similar-s1"]')
    expect(other.text()).toContain('南坪片区夜间停车难，电话***********')
    expect(other.text()).toContain('CQ-20261124-000123')
    expect(other.find('[data-status="ASSIGNED"]').text()).toBe('已派单')
    expect(other.text()).toContain('2026/11/24')
    expect(other.get('[data-test="similar-distance"]').text()).toContain('300 m')
    expect(other.get('[data-test="similar-supporters"]').text()).toBe('3 人附议')
    expect(other.get('[data-test="similar-support"]').text()).toBe('我也遇到了（附议）')
    expect(panel.findAll('li')).toHaveLength(2)
    // still a form that files
    expect(wrapper.get('[data-test="submit"]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('ignores an answer that arrives after a newer question', async () => {
    const held: ((r: Response) => void)[] = []
    const { sent } = fakeFetch(api(req => {
      if (!isSimilar(req)) {
        return json(404, {})
      }
      return params(req).get('title') === '南坪晚上停车很难' ? new Promise<Response>(r => { held.push(r) })
        : json(200, { items: [MINE] })
    }))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill('南坪晚上停车很难')
    await wait(DEBOUNCE + 50)
    expect(held).toHaveLength(1)
    petitionDraft.title = '南坪夜里停车太难了'
    await wait(DEBOUNCE + 50)
    await flush()
    expect(sent.filter(isSimilar)).toHaveLength(2)
    held[0](json(200, { items: [OTHER] })) // the older question's answer, late
    await flush()
    const items = wrapper.findAll('[data-test="similar"] li')
    expect(items).toHaveLength(1)
    expect(items[0].attributes('data-test')).toBe('similar-s2')

    // a title cut below 4 characters hides the panel
    petitionDraft.title = '南坪'
    await flush()
    expect(wrapper.find('[data-test="similar"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('"I have this too" posts once and shows Supported with the new count; the own request has no button', async () => {
    let release: (r: Response) => void = () => {}
    const { sent } = fakeFetch(api(req => isSimilar(req) ? json(200, { items: [OTHER, MINE] })
      : req.method === 'POST' && req.url === '/api/v1/petitions/s1/supporters' ? new Promise<Response>(r => { release = r })
        : json(404, {})))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill()
    await wait(DEBOUNCE + 50)
    await flush()

    const mine = wrapper.get('[data-test="similar-s2"]')
    expect(mine.find('[data-test="similar-support"]').exists()).toBe(false)
    expect(mine.get('[data-test="similar-yours"]').text()).toBe('这是您提交的')

    const button = wrapper.get('[data-test="similar-s1"] [data-test="similar-support"]')
    await button.trigger('click')
    await button.trigger('click')
    await flush()
    const posts = sent.filter(s => s.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0].headers.Authorization).toBe('Bearer tok')
    release(json(201, { petitionId: 's1', supporters: 4, supporting: true }))
    await flush()
    const other = wrapper.get('[data-test="similar-s1"]')
    expect(other.get('[data-test="similar-supported"]').text()).toBe('已附议')
    expect(other.get('[data-test="similar-supporters"]').text()).toBe('4 人附议')
    expect(other.find('[data-test="similar-support"]').exists()).toBe(false)
    expect(sent.filter(s => s.method === 'POST')).toHaveLength(1)

    i18n.global.locale.value = 'en'
    await flush()
    expect(other.get('[data-test="similar-supporters"]').text()).toBe('4 supporters')
    expect(wrapper.get('[data-test="similar-s2"] [data-test="similar-yours"]').text()).toBe('Yours')
    expect(wrapper.get('[data-test="similar"] h2').text()).toBe('Requests that may be the same')
    wrapper.unmount()
  })

  it('a 409 on 附议 shows the service\'s reason beside that request, and the button stays', async () => {
    fakeFetch(api(req => isSimilar(req) ? json(200, { items: [OTHER, MINE] })
      : req.method === 'POST' ? problem(409, { type: 'urn:minhu:problem:conflict', title: 'Conflict',
        detail: 'The request has ended (CLOSED): it cannot be supported' })
        : json(404, {})))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill()
    await wait(DEBOUNCE + 50)
    await flush()
    await wrapper.get('[data-test="similar-s1"] [data-test="similar-support"]').trigger('click')
    await flush()
    const other = wrapper.get('[data-test="similar-s1"]')
    expect(other.get('[data-test="similar-problem"]').text()).toContain('The request has ended (CLOSED)')
    expect(other.get('[data-test="similar-problem"]').attributes('role')).toBe('alert')
    expect(other.find('[data-test="similar-support"]').exists()).toBe(true)
    expect(wrapper.get('[data-test="similar-s2"]').find('[data-test="similar-problem"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it.each([
    ['a 503', () => problem(503, { type: 'urn:minhu:problem:unavailable', detail: 'petition-service cannot be reached' })],
    ['a 400', () => problem(400, { type: 'urn:minhu:problem:validation', errors: [{ field: 'description', reason: 'too long' }] })],
  ])('%s from similar shows nothing and the request is filed as before', async (_, failure) => {
    const { sent } = fakeFetch(api(req => isSimilar(req) ? failure()
      : req.method === 'POST' && req.url === '/api/v1/petitions' ? json(201, { id: 'p1', trackingNumber: 'CQ-20261203-000001', status: 'SUBMITTED' })
        : json(404, {})))
    const { wrapper } = await mountScreen(FileRequest, '/file')
    await flush()
    fill()
    await wait(DEBOUNCE + 50)
    await flush()
    expect(sent.filter(isSimilar)).toHaveLength(1)
    expect(wrapper.find('[data-test="similar"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="form-error"]').exists()).toBe(false)
    expect(wrapper.findAll('.el-form-item__error')).toHaveLength(0)
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-test="filed"]').text()).toContain('CQ-20261203-000001')
    wrapper.unmount()
  })
})

describe('我附议的 on my requests', () => {
  beforeEach(() => {
    auth.signIn({ token: 'tok', role: 'citizen', sub: 'citizen-demo', unitId: null, expiresAt: Date.now() + 60_000 })
    i18n.global.locale.value = 'zh-CN'
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
  })

  const OWN = { id: 'p1', trackingNumber: 'CQ-20261201-000001', title: '解放碑片区停水', status: 'ASSIGNED',
    submittedAt: '2026-12-01T02:00:00Z' }
  const SUPPORTED = { ...OTHER, similarity: undefined, supporting: true }
  const SUPPORTED2 = { ...OTHER, id: 's3', trackingNumber: 'CQ-20261125-000200', title: '南坪停车位太少', supporters: 1, supporting: true }
  const ENDED = { ...SUPPORTED2, id: 's4', trackingNumber: 'CQ-20261110-000050', status: 'RATED' }

  function answers(onDelete: (req: Sent) => Response) {
    return (req: Sent) => req.method === 'DELETE' ? onDelete(req)
      : req.url.startsWith('/api/v1/petitions?') && params(req).get('supporting') === 'true'
        ? json(200, { items: [SUPPORTED, SUPPORTED2, ENDED], limit: 20 })
        : req.url.startsWith('/api/v1/petitions?') ? json(200, { items: [OWN], limit: 20 })
          : json(404, {})
  }

  it('lists the supported requests apart from the own ones, and withdraws a support with DELETE', async () => {
    const { sent } = fakeFetch(answers(() => json(200, { petitionId: 's1', supporters: 2, supporting: false })))
    const { wrapper } = await mountScreen(MyRequests, '/mine')
    await flush()

    const asked = sent.find(s => params(s).get('supporting') === 'true')!
    expect(asked.headers.Authorization).toBe('Bearer tok')
    expect([...params(asked).keys()].sort()).toEqual(['limit', 'supporting'])
    expect(wrapper.findAll('[data-test="my-requests"] li')).toHaveLength(1)
    expect(wrapper.get('[data-test="my-requests"]').text()).toContain('CQ-20261201-000001')
    const list = wrapper.get('[data-test="supported-requests"]')
    expect(list.findAll('li')).toHaveLength(3)
    // an ended request stays listed, with no withdraw button (the API would answer 409)
    expect(list.get('[data-test="supported-s4"]').find('[data-test="withdraw-support"]').exists()).toBe(false)
    expect(wrapper.get('#supporting-heading').text()).toBe('我附议的')
    const first = list.get('[data-test="supported-s1"]')
    expect(first.text()).toContain('南坪片区夜间停车难，电话***********')
    expect(first.text()).toContain('CQ-20261124-000123')
    expect(first.find('[data-status="ASSIGNED"]').exists()).toBe(true)
    expect(first.get('[data-test="supported-supporters"]').text()).toBe('3 人附议')

    const button = first.get('[data-test="withdraw-support"]')
    expect(button.text()).toBe('取消附议')
    expect(button.attributes('aria-label')).toBe('取消附议 CQ-20261124-000123')
    await button.trigger('click')
    await flush()
    const deletes = sent.filter(s => s.method === 'DELETE')
    expect(deletes).toHaveLength(1)
    expect(deletes[0].url).toBe('/api/v1/petitions/s1/supporters')
    expect(deletes[0].headers.Authorization).toBe('Bearer tok')
    expect(wrapper.findAll('[data-test="supported-requests"] li')).toHaveLength(2)
    expect(wrapper.find('[data-test="supported-s1"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="support-withdrawn"]').text()).toContain('CQ-20261124-000123')
    expect(wrapper.findAll('[data-test="my-requests"] li')).toHaveLength(1)
    wrapper.unmount()
  })

  it('a refused withdrawal (409) shows the reason beside the request, which stays; none supported says so', async () => {
    fakeFetch(answers(() => problem(409, { type: 'urn:minhu:problem:conflict', detail: 'The request has ended (RATED)' })))
    const { wrapper } = await mountScreen(MyRequests, '/mine')
    await flush()
    await wrapper.get('[data-test="supported-s1"] [data-test="withdraw-support"]').trigger('click')
    await flush()
    const first = wrapper.get('[data-test="supported-s1"]')
    expect(first.get('[data-test="withdraw-support-problem"]').text()).toContain('The request has ended (RATED)')
    expect(wrapper.find('[data-test="supported-s3"] [data-test="withdraw-support-problem"]').exists()).toBe(false)
    wrapper.unmount()

    vi.unstubAllGlobals()
    fakeFetch(req => req.url.startsWith('/api/v1/petitions?') ? json(200, { items: [], limit: 20 }) : json(404, {}))
    const again = await mountScreen(MyRequests, '/mine')
    await flush()
    expect(again.wrapper.get('[data-test="supported-empty"]').text()).toBe('您还没有附议过别人的诉求。')
    again.wrapper.unmount()
  })
})
