// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Track from '../src/views/Track.vue'
import { auth } from '../src/stores/auth'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'
import { i18n } from '../src/i18n'

const TRACKED = {
  trackingNumber: 'CQ-20261202-000009', status: 'ANSWERED', category: { code: 'streetlights', name: { zh: '路灯', en: 'Street lights' } },
  submittedAt: '2026-12-02T09:00:00+08:00', handlingUnit: { zh: '南岸区城市管理局', en: "Nan'an urban management" },
  reply: '已修复，电话 138****1234 可回访。', answeredAt: '2026-12-03T10:00:00+08:00',
  timeline: [{ status: 'SUBMITTED', at: '2026-12-02T09:00:00+08:00', actorType: 'CITIZEN' },
    { status: 'ANSWERED', at: '2026-12-03T10:00:00+08:00', actorType: 'UNIT', actorName: '南岸区城市管理局' }],
}

async function lookUp(wrapper: any, number: string, digits: string) {
  await wrapper.get('input[data-test="track-number"]').setValue(number)
  await wrapper.get('input[data-test="track-digits"]').setValue(digits)
  await wrapper.get('form').trigger('submit')
  await flush()
}

describe('查询: tracking a request without signing in', () => {
  beforeEach(() => {
    auth.signOut?.()
    i18n.global.locale.value = 'zh-CN'
  })
  afterEach(() => document.body.replaceChildren())

  it('sends the number and the last four digits without a token and shows the status, unit, reply and timeline', async () => {
    const sent: Sent[] = []
    fakeFetch(req => {
      sent.push(req)
      return json(200, TRACKED)
    })
    const { wrapper, router } = await mountScreen(Track, '/track')
    await lookUp(wrapper, ' cq-20261202-000009 ', '1234')
    expect(sent).toHaveLength(1)
    expect(sent[0].url).toBe('/api/v1/track/CQ-20261202-000009?phoneLast4=1234')
    expect(sent[0].headers.Authorization).toBeUndefined()
    expect(wrapper.get('[data-test="tracked"]').text()).toContain('南岸区城市管理局')
    expect(wrapper.get('[data-test="reply"]').text()).toContain('138****1234')
    expect(wrapper.findAll('[data-test="timeline"] .el-timeline-item')).toHaveLength(2)
    // the number is kept in the address for a bookmark, the digits never
    expect(router.currentRoute.value.query).toEqual({ n: 'CQ-20261202-000009' })
  })

  it('checks the fields before asking and names each wrong one', async () => {
    const sent: Sent[] = []
    fakeFetch(req => {
      sent.push(req)
      return json(200, TRACKED)
    })
    const { wrapper } = await mountScreen(Track, '/track')
    await lookUp(wrapper, '12345', '12a')
    expect(sent).toHaveLength(0)
    await new Promise(r => setTimeout(r, 150)) // Element Plus shows a form item's error after a 100 ms debounce
    const errors = wrapper.findAll('.el-form-item__error').map((e: any) => e.text())
    expect(errors).toEqual([i18n.global.t('track.badNumber'), i18n.global.t('track.badDigits')])
  })

  it('says the same for a wrong number and wrong digits, and asks to wait when limited', async () => {
    let status = 404
    fakeFetch(() => problem(status, { type: status === 404 ? 'urn:minhu:problem:not-found' : 'urn:minhu:problem:too-many-requests',
      title: 'x', status }))
    const { wrapper } = await mountScreen(Track, '/track')
    await lookUp(wrapper, 'CQ-20261202-000009', '9999')
    expect(wrapper.get('[data-test="track-error"]').text()).toContain(i18n.global.t('track.notFound'))
    expect(wrapper.find('[data-test="tracked"]').exists()).toBe(false)
    status = 429
    await lookUp(wrapper, 'CQ-20261202-000009', '9999')
    expect(wrapper.get('[data-test="track-error"]').text()).toContain(i18n.global.t('track.tooMany'))
  })
})
