// A request's life in the browser, against a running suite (./minhu up); CI (.ci/run) runs it after the tests.
//
//   cd web/e2e && npm ci && node walk.mjs            (MINHU_URL, default http://localhost:8080)
//
// Drives Debian's chromium (/usr/bin/chromium, CHROMIUM to change) with playwright-core; no browser
// download. A citizen on a phone-sized page signs in, files a request to 万盛 (health, 关坝镇), first
// with a bad phone number (the field error must show under the phone field), then right; the 万盛
// health clerk on a desktop-sized page finds it in the queue, signs and answers it; the citizen sees
// the answer and rates it SATISFIED; the public satisfaction figures of the region must then count
// exactly one more satisfied rating. The citizen also files a parking request to 南岸区 (南坪街道), which
// routing sends to 南岸区交通运输委员会: its clerk hands it back (退回, reason code and text), the 南岸
// governance centre finds it on its returns screen and re-dispatches it to 南岸区城市管理局, and the case's
// history shows the hand-back and the ruling; the centre then refuses it (不予受理, 诉讼 as the route to take instead, after
// a confirmation), and the citizen's page of it shows the reason, the route and the centre's text. A third request, a duplicate, gets information added (补充诉求) and a photo attached (a 1×1 PNG made in the script: its thumbnail must show), and is
// withdrawn (撤回, 重复提交) by the citizen before any unit signs for it: the page says 已撤回 and so does its timeline (the sign-in page has no 南岸 unit clerk: that desk clicks the
// 万盛 clerk's button and the walk rewrites the body of its POST /dev/tokens). The auditor opens the statistics
// and downloads the records export (CSV): the citizen's phone number must show nowhere, in the pages or the
// file; the auditor's view of a request is read from the API with the auditor's token and on the
// auditor's own request screens (contact and description masked: 138****1234). axe-core checks
// every main page on the way (a11y.mjs): a critical or serious violation fails the walk. Then the same
// pages in English must show no message key. Screenshots go to e2e/screenshots/.
import { chromium } from 'playwright-core'
import { mkdirSync, readFileSync } from 'node:fs'
import { axe, axeSummary } from './a11y.mjs'

const BASE = process.env.MINHU_URL ?? 'http://localhost:8080'
const PHONE = '13812341234'
const SHOTS = new URL('./screenshots/', import.meta.url).pathname
mkdirSync(SHOTS, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
const started = Date.now()
const step = (what) => console.log(`• ${what}  (${Math.round((Date.now() - started) / 1000)} s)`)
const until = async (what, fn, seconds = 60) => {
  const end = Date.now() + seconds * 1000
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise(r => setTimeout(r, 1000))
  }
}
const satisfied = async () => {
  const r = await fetch(`${BASE}/api/v1/stats/satisfaction?region=Z-WSJKQ`)
  return (await r.json()).total.satisfied
}

try {
  const before = await satisfied()
  step(`public satisfaction for Z-WSJKQ before: ${before} satisfied`)

  // the citizen, on a phone
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const citizen = await phone.newPage()
  await citizen.goto(`${BASE}/`)
  await citizen.waitForURL(/\/sign-in/)
  await citizen.locator('[data-test="sign-in-citizen"]').waitFor()
  await citizen.screenshot({ path: `${SHOTS}sign-in.png`, fullPage: true })
  await axe(citizen, 'sign-in')
  await citizen.click('[data-test="sign-in-citizen"]')
  await citizen.waitForURL(/\/file$/)
  await citizen.locator('[data-test="petition-form"]').waitFor()
  step('citizen signed in, on the filing page')
  await axe(citizen, 'file request')

  // 消息设置: e-mail on before filing (./minhu up's local GreenMail receives it); first an address the browser lets
  // through (no top-level domain) and the service refuses on its field
  await citizen.click('header a:has-text("消息设置")')
  await citizen.locator('[data-test="prefs-form"]').waitFor()
  await citizen.click('[data-test="prefs-email-enabled"]')
  await citizen.fill('[data-test="prefs-email-address"]', 'wang@localhost')
  await citizen.click('[data-test="prefs-save"]')
  const emailError = citizen.locator('[data-test="field-email-address"] .el-form-item__error')
  await emailError.waitFor()
  step(`a bad e-mail address refused on its field: "${(await emailError.textContent()).trim()}"`)
  await citizen.fill('[data-test="prefs-email-address"]', 'wang.xiaoming@example.com')
  await citizen.click('[data-test="prefs-save"]')
  await citizen.locator('[data-test="prefs-saved"]').waitFor()
  await axe(citizen, 'notification settings')
  step('citizen turned e-mail on (消息设置)')
  await citizen.click('header a:has-text("我要反映")')
  await citizen.locator('[data-test="petition-form"]').waitFor()

  await citizen.click('[data-test="category"]')
  await citizen.keyboard.type('高血压')
  await citizen.click('.el-select-dropdown__item:has-text("医疗卫生")')
  await citizen.click('[data-test="place"]')
  await citizen.click('.el-cascader-node:has-text("万盛经济技术开发区")')
  await citizen.click('.el-cascader-node:has-text("关坝镇")')
  await citizen.keyboard.press('Escape')
  const title = `关坝镇卫生院周末不开门诊 ${Date.now() % 100000}`
  await citizen.fill('[data-test="title"]', title)
  await citizen.fill('[data-test="description"]', `周末去卫生院看病没有医生值班，希望安排周末门诊。回电请打 ${PHONE}。`)
  await citizen.fill('[data-test="contact-name"]', '王小明')
  await citizen.fill('[data-test="contact-phone"]', '12345')
  await citizen.click('[data-test="submit"]')
  const phoneError = citizen.locator('.el-form-item:has([data-test="contact-phone"]) .el-form-item__error')
  await phoneError.waitFor()
  step(`bad phone refused on its field: "${(await phoneError.textContent()).trim()}"`)
  await citizen.screenshot({ path: `${SHOTS}file-error.png`, fullPage: true })
  await citizen.fill('[data-test="contact-phone"]', PHONE)
  await citizen.dblclick('[data-test="submit"]')
  const filed = await citizen.locator('[data-test="filed"]').textContent()
  const tracking = filed.match(/CQ-\d{8}-\d+/)[0]
  step(`filed (a double click): ${tracking}`)
  await citizen.click('[data-test="filed"] a')
  await citizen.locator('[data-test="timeline"]').waitFor()
  const petitionId = new URL(citizen.url()).pathname.split('/').pop()

  // a second request, to 南岸区 (routed to its transport commission), for the hand-back below
  await citizen.click('header a:has-text("我要反映")')
  await citizen.locator('[data-test="petition-form"]').waitFor()
  await citizen.click('[data-test="category"]')
  await citizen.keyboard.type('停车')
  await citizen.click('.el-select-dropdown__item:has-text("交通出行与停车"):visible')
  await citizen.click('[data-test="place"]')
  await citizen.click('.el-cascader-node:has-text("南岸区")')
  await citizen.click('.el-cascader-node:has-text("南坪街道")')
  await citizen.keyboard.press('Escape')
  const parkingTitle = `南坪桥下空地车辆乱停乱放 ${Date.now() % 100000}`
  await citizen.fill('[data-test="title"]', parkingTitle)
  await citizen.fill('[data-test="description"]', '桥下空地长期有车辆乱停，堵住人行道，希望规划建设停车场。')
  await citizen.fill('[data-test="contact-name"]', '王小明')
  await citizen.fill('[data-test="contact-phone"]', PHONE)
  await citizen.click('[data-test="submit"]')
  const parkingTracking = (await citizen.locator('[data-test="filed"]').textContent()).match(/CQ-\d{8}-\d+/)[0]
  step(`filed to 南岸区 (交通出行与停车, 南坪街道): ${parkingTracking}`)
  // in-page navigation only, here and below: a reload would sign out (the token lives in memory only)
  const openMine = async () => {
    await citizen.click('header a:has-text("我的诉求")')
    await citizen.locator('[data-test="my-requests"]').waitFor()
  }
  await openMine()
  const mine = await citizen.locator(`[data-test="my-requests"] li:has-text("${title}")`).count()
  if (mine !== 1) throw new Error(`my requests show ${mine} entries for the request (a double click must file once)`)
  await citizen.screenshot({ path: `${SHOTS}my-requests.png`, fullPage: true })
  await axe(citizen, 'my requests')

  // a third request, a duplicate: before any unit signs for it the citizen adds information, then withdraws it
  // (撤回, 重复提交); only the buttons the request's allowedActions lists are on its page
  await citizen.click('header a:has-text("我要反映")')
  await citizen.locator('[data-test="petition-form"]').waitFor()
  await citizen.click('[data-test="category"]')
  await citizen.keyboard.type('高血压')
  await citizen.click('.el-select-dropdown__item:has-text("医疗卫生"):visible')
  await citizen.click('[data-test="place"]')
  await citizen.click('.el-cascader-node:has-text("万盛经济技术开发区"):visible')
  await citizen.click('.el-cascader-node:has-text("关坝镇"):visible')
  await citizen.keyboard.press('Escape')
  const dupTitle = `关坝镇卫生院周末门诊（重复） ${Date.now() % 100000}`
  await citizen.fill('[data-test="title"]', dupTitle)
  await citizen.fill('[data-test="description"]', '与之前反映的关坝镇卫生院周末不开门诊是同一件事。')
  await citizen.fill('[data-test="contact-name"]', '王小明')
  await citizen.fill('[data-test="contact-phone"]', PHONE)
  await citizen.click('[data-test="submit"]')
  const dupTracking = (await citizen.locator('[data-test="filed"]').textContent()).match(/CQ-\d{8}-\d+/)[0]
  await citizen.click('[data-test="filed"] a')
  await until('the duplicate ASSIGNED, with 撤回 offered', async () => {
    await citizen.locator('[data-test="timeline"]').waitFor()
    if (await citizen.locator('[data-test="status"][data-status="ASSIGNED"]').count()
      && await citizen.locator('button[data-test="withdraw"]').count()) return true
    await openMine()
    await citizen.click(`[data-test="my-requests"] li:has-text("${dupTitle}") a`)
    return false
  })
  const added = '补充：卫生院门口的通知写着周六上午也不开门。'
  await citizen.click('[data-test="add-information"]')
  await citizen.fill('[data-test="addition-text"]', added)
  await axe(citizen, 'request with its actions')
  await citizen.click('[data-test="addition-submit"]')
  await citizen.locator(`[data-test="timeline-addition"]:has-text("${added}")`).waitFor()
  step(`${dupTracking}: information added (补充诉求), in the timeline`)
  // a photo (附件) in the same window: a 1×1 PNG made here; its thumbnail comes back from the service (re-encoded,
  // a JPEG) and is shown from an object URL fetched with the token, never an address carrying it
  const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
  // first on the addition just posted (its own panel, files sent with its additionId): shown in its timeline entry
  await citizen.locator('[data-test="addition-files"]').waitFor()
  await citizen.setInputFiles('[data-test="addition-files"] input[data-test="attachment-input"]',
    { name: 'notice-on-the-door.png', mimeType: 'image/png', buffer: PNG_1X1 })
  await citizen.locator(`[data-test="timeline-addition"]:has-text("${added}") [data-test^="timeline-addition-files-"] img[data-test^="attachment-thumb-"]`)
    .waitFor({ timeout: 30_000 })
  await citizen.click('[data-test="addition-files-done"]')
  step(`${dupTracking}: a photo on the addition, in its timeline entry`)
  // then on the request itself
  await citizen.setInputFiles('input[data-test="attachment-input"]', { name: 'pharmacy-notice.png', mimeType: 'image/png', buffer: PNG_1X1 })
  const thumb = citizen.locator('[data-test="attachments"] img[data-test^="attachment-thumb-"]')
  await thumb.waitFor({ timeout: 30_000 })
  if (!(await thumb.getAttribute('src')).startsWith('blob:')) {
    throw new Error(`the attachment's thumbnail is not shown from an object URL: ${await thumb.getAttribute('src')}`)
  }
  step(`${dupTracking}: a photo attached (附件), its thumbnail shown`)
  await citizen.click('[data-test="withdraw"]')
  await citizen.click('[data-test="withdraw-reason-DUPLICATE"]')
  await axe(citizen, 'withdraw dialog')
  await citizen.click('[data-test="withdraw-confirm"]')
  await citizen.locator('[data-test="status"][data-status="WITHDRAWN"]:has-text("已撤回")').waitFor()
  await until('the withdrawal in the timeline', async () => {
    if (await citizen.locator('[data-test="timeline-withdrawal"]:has-text("重复提交")').count()) return true
    await openMine()
    await citizen.click(`[data-test="my-requests"] li:has-text("${dupTitle}") a`)
    await citizen.locator('[data-test="timeline"]').waitFor()
    return false
  })
  if (await citizen.locator('button[data-test="withdraw"], button[data-test="add-information"]').count()) {
    throw new Error('a withdrawn request still offers 撤回 or 补充')
  }
  await citizen.screenshot({ path: `${SHOTS}withdrawn.png`, fullPage: true })
  step(`${dupTracking} withdrawn (撤回, 重复提交): 已撤回, with its reason in the timeline`)

  // the 万盛 health clerk, at a desk
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  const clerk = await desk.newPage()
  await clerk.goto(`${BASE}/sign-in`)
  await clerk.click('[data-test="sign-in-health"]')
  await clerk.waitForURL(/\/desk\/cases$/)
  const row = clerk.locator(`[data-test="queue"] a:has-text("${tracking}")`)
  await until('the case in the clerk\'s queue', async () => {
    if (await row.count()) return true
    await clerk.click('[data-test="refresh"]')
    await clerk.waitForTimeout(500)
    return false
  })
  await clerk.screenshot({ path: `${SHOTS}queue.png`, fullPage: true })
  await axe(clerk, 'queue')
  await row.click()
  await clerk.locator('[data-test="request-contact"]').waitFor()
  await axe(clerk, 'case detail')
  await clerk.click('[data-test="action-sign"]')
  await clerk.locator('[data-test="case-status"]:has-text("办理中")').waitFor()
  step('clerk signed (签收)')
  await clerk.click('[data-test="action-answer"]')
  await clerk.fill('[data-test="reply"]', '已协调卫生院自本周起周六上午安排全科医生值班门诊。')
  await clerk.click('[data-test="action-submit"]')
  await clerk.locator('[data-test="case-status"]:has-text("已答复")').waitFor()
  await clerk.screenshot({ path: `${SHOTS}case.png`, fullPage: true })
  step('clerk answered (答复)')

  // the citizen rates the answer
  await until('the rating window on the citizen\'s page', async () => {
    await openMine()
    await citizen.click(`[data-test="my-requests"] li:has-text("${title}") a`)
    await citizen.locator('[data-test="timeline"]').waitFor()
    return (await citizen.locator('[data-test="rate"]').count()) > 0
  })
  await axe(citizen, 'request detail')
  await citizen.click('[data-test="satisfaction"] label:has-text("满意"):not(:has-text("基本")):not(:has-text("不"))')
  await citizen.click('[data-test="solved"] label:has-text("已解决")')
  await citizen.fill('[data-test="comment"]', '周末可以看病了，谢谢')
  await citizen.click('[data-test="rate-submit"]')
  await citizen.locator('[data-test="rounds"]:has-text("满意")').waitFor()
  await citizen.screenshot({ path: `${SHOTS}request.png`, fullPage: true })
  step('citizen rated SATISFIED, SOLVED')
  // the messages the request sent: by e-mail (已发送, to the masked address) on its page, and in the inbox (消息)
  await until('the answer\'s e-mail on the request\'s page', async () => {
    await openMine()
    await citizen.click(`[data-test="my-requests"] li:has-text("${title}") a`)
    await citizen.locator('[data-test="timeline"]').waitFor()
    return (await citizen.locator('[data-test="delivery-status"][data-status="SENT"]').count()) >= 3
  })
  await citizen.click('[data-test="inbox-bell"]')
  await citizen.locator('[data-test="inbox"]').waitFor()
  const messages = await citizen.locator(`[data-test="notification"]:has-text("${tracking}")`).count()
  if (messages < 3) throw new Error(`the inbox shows ${messages} messages about ${tracking}, not its acceptance, assignment and answer`)
  await citizen.screenshot({ path: `${SHOTS}inbox.png`, fullPage: true })
  await axe(citizen, 'inbox')
  step(`the citizen's inbox (消息) holds ${messages} messages about ${tracking}; the request's page lists the e-mails sent`)

  const after = await until('the public figures to count the rating', async () => {
    const n = await satisfied()
    return n !== before ? n : null
  })
  if (after !== before + 1) throw new Error(`satisfied went from ${before} to ${after}, not by exactly one`)
  step(`public satisfaction for Z-WSJKQ after: ${after} satisfied (+1)`)

  // 南岸区交通运输委员会's clerk hands the parking request back. The sign-in page lists one unit clerk
  // (万盛 health); this desk uses its button with the demo token asked for a 南岸 transport clerk instead.
  const transportDesk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  await transportDesk.route('**/dev/tokens', route => route.continue({
    postData: JSON.stringify({ role: 'unit_staff', sub: 'staff-nanan-transport', unitId: '500108-transport' }),
  }), { times: 1 })
  const transport = await transportDesk.newPage()
  await transport.goto(`${BASE}/sign-in`)
  await transport.click('[data-test="sign-in-health"]')
  await transport.waitForURL(/\/desk\/cases$/)
  await transport.locator('[data-test="who"]:has-text("500108-transport")').waitFor()
  const parkingRow = transport.locator(`[data-test="queue"] a:has-text("${parkingTracking}")`)
  await until('the parking case in the transport commission\'s queue', async () => {
    if (await parkingRow.count()) return true
    await transport.click('[data-test="refresh"]')
    await transport.waitForTimeout(500)
    return false
  })
  await parkingRow.click()
  await transport.click('[data-test="action-return"]')
  await transport.click('[data-test="reason-code"]')
  await transport.click('.el-select-dropdown__item:has-text("不属本单位职责"):visible')
  const returnReason = '桥下空地停车场规划建设属城市管理职责，请改派城市管理局。'
  await transport.fill('[data-test="reason"]', returnReason)
  await transport.click('[data-test="action-submit"]')
  await transport.locator('.el-message--success').waitFor()
  step(`南岸区交通运输委员会 handed it back (退回, 不属本单位职责)`)

  // the 南岸 governance centre rules on it: re-dispatch to 南岸区城市管理局
  const centreDesk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  const centre = await centreDesk.newPage()
  await centre.goto(`${BASE}/sign-in`)
  await centre.click('[data-test="sign-in-nanan"]')
  await centre.waitForURL(/\/desk\/returns$/)
  const returnedRow = centre.locator(`[data-test="returned"] a:has-text("${parkingTracking}")`)
  await until('the hand-back on the centre\'s returns screen', async () => {
    if (await returnedRow.count()) return true
    await centre.click('[data-test="refresh"]')
    await centre.waitForTimeout(500)
    return false
  })
  await centre.screenshot({ path: `${SHOTS}returns.png`, fullPage: true })
  await axe(centre, 'returns')
  step('the 南岸 centre sees it on its returns screen')
  await returnedRow.click()
  await centre.locator('[data-test="case-status"]:has-text("已退回")').waitFor()
  await centre.locator(`[data-test="history"] tr:has-text("退单"):has-text("NOT_OUR_JURISDICTION"):has-text("${returnReason}")`).waitFor()
  await centre.click('[data-test="action-ruling"]')
  await centre.click('[data-test="decision"] label:has-text("改派")')
  await centre.click('[data-test="unit"]')
  await centre.keyboard.type('城市管理')
  await centre.click('.el-select-dropdown__item:has-text("500108-urban-management"):visible')
  const ruling = '桥下空间停车管理属城市管理局职责，改派区城市管理局办理。'
  await centre.fill('[data-test="reason"]', ruling)
  await centre.click('[data-test="action-submit"]')
  await centre.locator('[data-test="case-status"]:has-text("待签收")').waitFor()
  await centre.locator('[data-test="lead-unit"]:has-text("500108-urban-management")').waitFor()
  await centre.locator(`[data-test="history"] tr:has-text("改派"):has-text("${ruling}")`).waitFor()
  await centre.screenshot({ path: `${SHOTS}ruling.png`, fullPage: true })
  step('the centre re-dispatched it (改派) to 南岸区城市管理局; the history shows the hand-back and the ruling')

  // the centre then refuses it as out of remit (不予受理): a reason, the route to take instead, a text, a confirmation
  await centre.click('[data-test="action-refuse"]')
  await centre.click('[data-test="refusal-reason"]')
  await centre.locator('.el-select-dropdown__item:visible', { hasText: '属于诉讼或仲裁解决的事项' }).click()
  await centre.click('[data-test="refusal-route"]')
  await centre.locator('.el-select-dropdown__item:visible', { hasText: /^\s*诉讼\s*$/ }).click()
  const refusal = '桥下空地属小区业主共有，车位纠纷属于民事纠纷，请通过诉讼解决。'
  await centre.fill('[data-test="reason"]', refusal)
  await centre.click('[data-test="action-submit"]')
  await centre.click('[data-test="closing-confirm"]')
  await centre.locator('[data-test="case-status"]:has-text("不予受理")').waitFor()
  await centre.locator(`[data-test="history"] tr:has-text("不予受理"):has-text("${refusal}")`).waitFor()
  await axe(centre, 'refused case')
  // the citizen's page of it says why and where to turn instead (its status follows by an event)
  await until('the refusal on the citizen\'s page', async () => {
    await openMine()
    await citizen.click(`[data-test="my-requests"] li:has-text("${parkingTitle}") a`)
    await citizen.locator('[data-test="timeline"]').waitFor()
    return (await citizen.locator('[data-test="rejected-route"]:has-text("诉讼")').count()) > 0
  })
  await citizen.locator(`[data-test="rejected-text"]:has-text("${refusal}")`).waitFor()
  await citizen.screenshot({ path: `${SHOTS}rejected.png`, fullPage: true })
  step('the centre refused it (不予受理, 诉讼); the citizen\'s page shows the reason, the route and the text')

  // anyone, not signed in, on a phone: 查询 by the tracking number and the phone's last four digits
  const stranger = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    locale: 'zh-CN' })).newPage()
  await stranger.goto(`${BASE}/track`)
  await stranger.fill('input[data-test="track-number"]', tracking)
  await stranger.fill('input[data-test="track-digits"]', '0000')
  await stranger.click('[data-test="track-submit"]')
  await stranger.locator('[data-test="track-error"]').waitFor()
  await stranger.fill('input[data-test="track-digits"]', PHONE.slice(-4))
  await stranger.click('[data-test="track-submit"]')
  await stranger.locator('[data-test="tracked"] [data-status="RATED"], [data-test="tracked"] [data-status="ANSWERED"]').first().waitFor()
  await stranger.locator('[data-test="reply"]').waitFor()
  await axe(stranger, 'track')
  const tracked = await stranger.locator('main').innerText()
  if (tracked.includes(PHONE) || tracked.includes('王小明')) throw new Error('the tracking page shows personal data')
  step(`查询 without signing in: wrong digits refused, then ${tracking} shown with its reply and no personal data`)

  // the auditor: the statistics, the records export; the citizen's phone number nowhere
  const auditDesk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true })
  const auditor = await auditDesk.newPage()
  await auditor.goto(`${BASE}/sign-in`)
  const issued = auditor.waitForResponse(r => r.url().endsWith('/dev/tokens'))
  await auditor.click('[data-test="sign-in-auditor"]')
  const auditorToken = (await (await issued).json()).token
  await auditor.waitForURL(/\/stats$/)
  await auditor.locator('[data-test="stats"]').waitFor()
  await axe(auditor, 'stats')
  const masked = `${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`
  if ((await auditor.locator('body').innerText()).includes(PHONE)) throw new Error('the statistics page shows the citizen\'s phone number')
  const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.click('[data-test="export-csv"]')])
  const csv = readFileSync(await download.path(), 'utf8')
  const lines = csv.trim().split(/\r?\n/)
  if (!lines[0].startsWith('petition,round,regionCode,unitId')) throw new Error(`the CSV export's header: ${lines[0]}`)
  const health = lines.filter(l => l.includes(',Z-WSJKQ,Z-WSJKQ-health,'))
  if (health.length === 0) throw new Error('the CSV export has no round of the answered 万盛 health request')
  if (csv.includes(PHONE) || csv.includes(tracking) || csv.includes(petitionId)) {
    throw new Error('the CSV export carries the phone number, the tracking number or the petition id')
  }
  step(`auditor: statistics and the records export (${download.suggestedFilename()}, ${lines.length - 1} rounds) without the phone number`)
  // no auditor screen shows a request (the desk's case screens are for staff and centres): what an auditor's
  // client gets for the request is read with the auditor's token, straight from the API
  const seen = await (await fetch(`${BASE}/api/v1/petitions/${petitionId}`, { headers: { Authorization: `Bearer ${auditorToken}` } })).json()
  const text = JSON.stringify(seen)
  if (text.includes(PHONE) || seen.contact?.phone !== masked || !seen.description?.includes(masked)) {
    throw new Error(`the auditor's view of the request is not masked: ${text}`)
  }
  step(`auditor's view of the request (API): contact ${seen.contact.name} ${seen.contact.phone}, description "${seen.description}"`)
  // and on the auditor's own screens (诉求查阅): the list of everyone's requests, then this one, masked
  await auditor.click('a[href="/audit/requests"]')
  await auditor.locator('[data-test="audit-requests"]').waitFor()
  await axe(auditor, 'audit requests')
  await auditor.click(`a[href="/audit/requests/${petitionId}"]`)
  await auditor.locator('[data-test="audit-contact"]').waitFor()
  const auditText = await auditor.locator('body').innerText()
  if (auditText.includes(PHONE) || !auditText.includes(masked)) throw new Error('the auditor\'s request screen is not masked')
  await axe(auditor, 'audit request')
  step(`auditor's request screen (诉求查阅): ${(await auditor.locator('[data-test="audit-contact"]').innerText()).trim()}`)
  await auditor.click('a[href="/stats"]')
  await auditor.locator('[data-test="stats"]').waitFor()

  // the auditor's table, then the same screens in English with no message key showing
  await auditor.screenshot({ path: `${SHOTS}stats.png`, fullPage: true })
  // switched in the page (a reload would sign out: the token lives in memory only)
  const KEY = /\b(app|nav|common|roles|signIn|file|status|caseStatus|actor|channel|mine|detail|satisfaction|solved|queue|case|returnReason|history|historyAction|extensionStatus|centre|stats|groupBy|units|notFound|withdraw|withdrawReason|addition|timeline|closure|refusalReason|legalRoute|handOffTarget|attachments|audit|inbox|prefs|deliveries|notificationKind|deliveryStatus|deliveryChannel|notes|officer|templates|knowledge|publicKnowledge)\.[a-zA-Z.]+\b/g
  const noKeys = async (page, where) => {
    await page.waitForTimeout(300)
    const keys = (await page.locator('body').innerText()).match(KEY)
    if (keys) throw new Error(`untranslated keys on ${where}: ${keys.join(', ')}`)
  }
  const english = async (page) => {
    await page.click('.lang')
    await page.click('.el-select-dropdown__item:has-text("English"):visible')
    await page.locator('header:has-text("Sign out")').waitFor()
  }
  await english(citizen)
  await noKeys(citizen, 'the inbox (en)')
  await citizen.click('header a:has-text("Notification settings")')
  await noKeys(citizen, 'notification settings (en)')
  await citizen.click('header a:has-text("My requests")')
  await citizen.click(`[data-test="my-requests"] li:has-text("${title}") a`)
  await citizen.locator('[data-test="timeline"]').waitFor()
  await noKeys(citizen, 'the request (en)')
  await citizen.click('header a:has-text("My requests")')
  await noKeys(citizen, 'my requests (en)')
  await citizen.click('header a:has-text("File a request")')
  await noKeys(citizen, 'filing (en)')
  await citizen.screenshot({ path: `${SHOTS}file-en.png`, fullPage: true })
  await english(clerk)
  await noKeys(clerk, 'the case (en)')
  await clerk.click('header a:has-text("Case queue")')
  await noKeys(clerk, 'the queue (en)')
  await english(auditor)
  await noKeys(auditor, 'statistics (en)')
  await english(centre)
  await noKeys(centre, 'the ruled case (en)')
  await centre.click('header a:has-text("Returns")')
  await noKeys(centre, 'returns (en)')
  step('English: no message key shown')
  axeSummary()
  step('accessibility: no critical or serious violation')
  console.log('e2e walk: OK')
} catch (e) {
  console.error('e2e walk: FAILED', e)
  process.exitCode = 1
} finally {
  await browser.close()
}
