// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElSelect } from 'element-plus'
import type { RouteLocationNormalized } from 'vue-router'
import ReplyTemplates from '../src/views/desk/ReplyTemplates.vue'
import { auth, type Role } from '../src/stores/auth'
import { guard, router } from '../src/router'
import { toTemplateRequest } from '../src/api/replyTemplates'
import { i18n } from '../src/i18n'
import { fakeFetch, flush, json, problem, type Sent } from './setup'
import { mountScreen } from './mount'

/** 答复模板: the unit's reply templates, kept by its own staff. */
const HEALTH_TPL = { id: 't1', unitId: 'Z-WSJKQ-health', categoryCode: 'health', title: '药品配备类答复',
  body: '您于{{filedDate}}提交的诉求（受理编号{{trackingNumber}}）已收悉。', updatedBy: 'li.wei', updatedAt: '2026-12-01T09:30:00+08:00' }
const ANY_TPL = { id: 't2', unitId: 'Z-WSJKQ-health', title: '通用答复', body: '经{{unitName}}核实，……', createdBy: 'li.wei',
  createdAt: '2026-11-20T15:00:00+08:00' }
const CATEGORIES = [{ code: 'health', name: { zh: '医疗卫生', en: 'Health' }, group: 'g', groupName: { zh: 'g', en: 'g' }, handling: 'NORMAL',
  keywords: [] }]
const BASE = '/api/v1/units/Z-WSJKQ-health/reply-templates'

const path = (r: Sent) => new URL(r.url, 'http://x').pathname
const settle = () => new Promise(r => setTimeout(r, 150))
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const errorUnder = (wrapper: any, selector: string) =>
  (wrapper.get(selector).element.closest('.el-form-item') as HTMLElement).querySelector('.el-form-item__error')?.textContent?.trim() ?? null

function signIn(role: Role = 'unit_staff') {
  auth.signIn({ token: 'tok', role, sub: role === 'admin' ? 'admin-demo' : 'li.wei', unitId: role === 'admin' ? 'city-gc' : 'Z-WSJKQ-health',
    expiresAt: Date.now() + 60_000 })
}

function templatesApi(write: (req: Sent) => Response | undefined = () => undefined, list: unknown[] = [HEALTH_TPL, ANY_TPL]) {
  return fakeFetch(req => write(req)
    ?? (path(req).endsWith('/reply-templates') ? json(200, list)
      : path(req) === '/api/v1/categories' ? json(200, CATEGORIES)
      : json(200, [])))
}

describe('the reply templates screen (答复模板)', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    signIn()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    auth.signOut()
    i18n.global.locale.value = 'zh-CN'
  })

  it('lists the caller\'s unit\'s templates with their category ("any" when none) and explains every variable', async () => {
    const { sent } = templatesApi()
    const { wrapper } = await mountScreen(ReplyTemplates, '/desk/reply-templates')
    await flush()
    const list = sent.find(s => path(s) === BASE)!
    expect(list.url).toBe(BASE)
    expect(list.headers.Authorization).toBe('Bearer tok')
    const rows = wrapper.findAll('[data-test="templates"] tbody tr').map(r => r.text())
    expect(rows[0]).toContain('药品配备类答复')
    expect(rows[0]).toContain('医疗卫生')
    expect(rows[0]).toContain('2026/12/01 09:30')
    expect(rows[1]).toContain('通用答复')
    expect(rows[1]).toContain(i18n.global.t('templates.anyCategory'))
    const vars = wrapper.get('[data-test="variables"]').text()
    for (const v of ['trackingNumber', 'unitName', 'filedDate', 'title']) {
      expect(vars).toContain(`{{${v}}}`)
      expect(vars).toContain(i18n.global.t(`templates.variable.${v}`))
    }
    wrapper.unmount()
  })

  it('creates a template: a 400 naming `body` and the variable shows under the body; the 201 joins the list', async () => {
    let attempt = 0
    const created = { id: 't3', unitId: 'Z-WSJKQ-health', title: '停诊说明', body: '{{title}}：已协调。', createdBy: 'li.wei',
      createdAt: '2026-12-04T09:00:00+08:00' }
    const { sent } = templatesApi(req => {
      if (req.method !== 'POST') {
        return undefined
      }
      attempt++
      return attempt === 1
        ? problem(400, { type: 'urn:minhu:problem:validation', title: 'Invalid reply template',
          errors: [{ field: 'body', reason: 'unknown variable {{name}}; the variables are {{trackingNumber}}, {{unitName}}, {{filedDate}}, {{title}}' }] })
        : json(201, created)
    })
    const { wrapper } = await mountScreen(ReplyTemplates, '/desk/reply-templates')
    await flush()
    await wrapper.get('[data-test="add-template"]').trigger('click')
    await flush()
    await wrapper.get('input[data-test="template-title"]').setValue(' 停诊说明 ')
    await wrapper.get('textarea[data-test="template-body"]').setValue('{{name}}：已协调。')
    await wrapper.get('[data-test="template-save"]').trigger('click')
    await flush()
    await settle()
    const posts = sent.filter(s => s.method === 'POST')
    expect(posts).toHaveLength(1)
    // no category chosen: "any", so none is sent; the title trimmed
    expect(posts[0]).toMatchObject({ url: BASE, body: { title: '停诊说明', body: '{{name}}：已协调。' } })
    expect(posts[0].body).not.toHaveProperty('categoryCode')
    expect(errorUnder(wrapper, '[data-test="template-body"]')).toContain('unknown variable {{name}}')
    expect(errorUnder(wrapper, '[data-test="template-title"]')).toBeNull()
    expect(wrapper.get('[data-test="template-form-error"]').text()).toBe(i18n.global.t('templates.fixErrors'))

    // the variable inserted by its button, in place of the unknown one
    await wrapper.get('textarea[data-test="template-body"]').setValue('：已协调。')
    await wrapper.get('[data-test="insert-title"]').trigger('click')
    await flush()
    expect((wrapper.get('textarea[data-test="template-body"]').element as HTMLTextAreaElement).value).toBe('：已协调。{{title}}')
    await wrapper.get('textarea[data-test="template-body"]').setValue('{{title}}：已协调。')
    await wrapper.get('[data-test="template-save"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'POST')).toHaveLength(2)
    expect(wrapper.get('[data-test="templates"]').text()).toContain('停诊说明')
    wrapper.unmount()
  })

  it('edits a template with PUT (its category kept) and deletes one after asking', async () => {
    const { sent } = templatesApi(req => (req.method === 'PUT' ? json(200, { ...HEALTH_TPL, title: '药品配备答复（新）' })
      : req.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined))
    const { wrapper } = await mountScreen(ReplyTemplates, '/desk/reply-templates')
    await flush()
    await wrapper.get('[data-test="edit-t1"]').trigger('click')
    await flush()
    expect((wrapper.get('input[data-test="template-title"]').element as HTMLInputElement).value).toBe('药品配备类答复')
    await wrapper.get('input[data-test="template-title"]').setValue('药品配备答复（新）')
    await wrapper.get('[data-test="template-save"]').trigger('click')
    await flush()
    const put = sent.find(s => s.method === 'PUT')!
    expect(put).toMatchObject({ url: `${BASE}/t1`, body: { categoryCode: 'health', title: '药品配备答复（新）', body: HEALTH_TPL.body } })
    expect(wrapper.get('[data-test="templates"]').text()).toContain('药品配备答复（新）')

    await wrapper.get('[data-test="delete-t2"]').trigger('click')
    await flush()
    expect(sent.filter(s => s.method === 'DELETE')).toHaveLength(0)
    expect(document.body.querySelector('[data-test="delete-question"]')?.textContent).toContain('通用答复')
    ;(document.body.querySelector('[data-test="delete-confirm"]') as HTMLElement).click()
    await flush()
    expect(sent.filter(s => s.method === 'DELETE').map(s => s.url)).toEqual([`${BASE}/t2`])
    expect(wrapper.get('[data-test="templates"]').text()).not.toContain('通用答复')
    wrapper.unmount()
  })

  it('an administrator picks the unit whose templates to keep', async () => {
    signIn('admin')
    const { sent } = templatesApi(req => (path(req) === '/api/v1/units'
      ? json(200, [{ id: 'Z-WSJKQ-health', nameZh: '万盛经开区卫生健康局', nameEn: 'Wansheng Health', level: 'DISTRICT', kind: 'DEPARTMENT',
        active: true }]) : undefined))
    const { wrapper } = await mountScreen(ReplyTemplates, '/desk/reply-templates')
    await flush()
    expect(sent.filter(s => path(s).endsWith('/reply-templates')).map(path)).toEqual(['/api/v1/units/city-gc/reply-templates'])
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const select = wrapper.findAllComponents(ElSelect).find((s: any) => s.attributes('data-test') === 'template-unit')!
    select.vm.$emit('update:modelValue', 'Z-WSJKQ-health')
    select.vm.$emit('change', 'Z-WSJKQ-health')
    await flush()
    expect(sent.filter(s => path(s).endsWith('/reply-templates')).map(path).at(-1)).toBe(BASE)
    wrapper.unmount()
  })

  it('the body sent: no categoryCode for "any category", the title trimmed', () => {
    expect(toTemplateRequest({ categoryCode: '', title: ' 通用 ', body: 'x' })).toEqual({ title: '通用', body: 'x' })
    expect(toTemplateRequest({ categoryCode: 'health', title: 't', body: 'x' })).toEqual({ categoryCode: 'health', title: 't', body: 'x' })
  })

  it('the routes: templates and the knowledge base for unit staff, centres and admins; the public questions for everyone', () => {
    const to = (p: string) => router.resolve(p) as unknown as RouteLocationNormalized
    for (const role of ['unit_staff', 'governance', 'admin'] as Role[]) {
      signIn(role)
      expect(guard(to('/desk/reply-templates'))).toBe(true)
      expect(guard(to('/desk/knowledge'))).toBe(true)
    }
    signIn('citizen')
    expect(guard(to('/desk/reply-templates'))).toBe('/file')
    expect(guard(to('/desk/knowledge'))).toBe('/file')
    expect(guard(to('/knowledge'))).toBe(true)
    signIn('auditor')
    expect(guard(to('/desk/knowledge'))).toBe('/stats')
    auth.signOut()
    expect(guard(to('/knowledge'))).toBe(true)
  })
})
