// A request's life in the browser, against a running suite (./minhu up); CI (.ci/run) runs it after the tests.
//
//   cd web/e2e && npm ci && node walk.mjs            (MINHU_URL, default http://localhost:8080)
//
// Drives Debian's chromium (/usr/bin/chromium, CHROMIUM to change) with playwright-core; no browser
// download. A citizen on a phone-sized page signs in, files a request to 万盛 (health, 关坝镇), first
// with a bad phone number (the field error must show under the phone field), then right; the 万盛
// health clerk on a desktop-sized page finds it in the queue, signs and answers it; the citizen sees
// the answer and rates it SATISFIED; the public satisfaction figures of the region must then count
// exactly one more satisfied rating. Then the same pages in English must show no message key.
// Screenshots go to e2e/screenshots/.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'

const BASE = process.env.MINHU_URL ?? 'http://localhost:8080'
const SHOTS = new URL('./screenshots/', import.meta.url).pathname
mkdirSync(SHOTS, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
const step = (what) => console.log(`• ${what}`)
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
  await citizen.screenshot({ path: `${SHOTS}sign-in.png`, fullPage: true })
  await citizen.click('[data-test="sign-in-citizen"]')
  await citizen.waitForURL(/\/file$/)
  step('citizen signed in, on the filing page')

  await citizen.click('[data-test="category"]')
  await citizen.keyboard.type('高血压')
  await citizen.click('.el-select-dropdown__item:has-text("医疗卫生")')
  await citizen.click('[data-test="place"]')
  await citizen.click('.el-cascader-node:has-text("万盛经济技术开发区")')
  await citizen.click('.el-cascader-node:has-text("关坝镇")')
  await citizen.keyboard.press('Escape')
  const title = `关坝镇卫生院周末不开门诊 ${Date.now() % 100000}`
  await citizen.fill('[data-test="title"]', title)
  await citizen.fill('[data-test="description"]', '周末去卫生院看病没有医生值班，希望安排周末门诊。')
  await citizen.fill('[data-test="contact-name"]', '王小明')
  await citizen.fill('[data-test="contact-phone"]', '12345')
  await citizen.click('[data-test="submit"]')
  const phoneError = citizen.locator('.el-form-item:has([data-test="contact-phone"]) .el-form-item__error')
  await phoneError.waitFor()
  step(`bad phone refused on its field: "${(await phoneError.textContent()).trim()}"`)
  await citizen.screenshot({ path: `${SHOTS}file-error.png`, fullPage: true })
  await citizen.fill('[data-test="contact-phone"]', '13812341234')
  await citizen.dblclick('[data-test="submit"]')
  const filed = await citizen.locator('[data-test="filed"]').textContent()
  const tracking = filed.match(/CQ-\d{8}-\d+/)[0]
  step(`filed (a double click): ${tracking}`)
  // in-page navigation only, here and below: a reload would sign out (the token lives in memory only)
  const openMine = async () => {
    await citizen.click('header a:has-text("我的诉求")')
    await citizen.locator('[data-test="my-requests"]').waitFor()
  }
  await openMine()
  const mine = await citizen.locator(`[data-test="my-requests"] li:has-text("${title}")`).count()
  if (mine !== 1) throw new Error(`my requests show ${mine} entries for the request (a double click must file once)`)
  await citizen.screenshot({ path: `${SHOTS}my-requests.png`, fullPage: true })

  // the 万盛 health clerk, at a desk
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  const clerk = await desk.newPage()
  await clerk.goto(`${BASE}/sign-in`)
  await clerk.click('[data-test="sign-in-health"]')
  await clerk.waitForURL(/\/desk\/cases$/)
  const row = clerk.locator(`[data-test="queue"] a:has-text("${tracking}")`)
  await until('the case in the clerk\'s queue', async () => {
    if (await row.count()) return true
    await clerk.click('button:has-text("刷新")')
    await clerk.waitForTimeout(500)
    return false
  })
  await clerk.screenshot({ path: `${SHOTS}queue.png`, fullPage: true })
  await row.click()
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
  await citizen.click('[data-test="satisfaction"] label:has-text("满意"):not(:has-text("基本")):not(:has-text("不"))')
  await citizen.click('[data-test="solved"] label:has-text("已解决")')
  await citizen.fill('[data-test="comment"]', '周末可以看病了，谢谢')
  await citizen.click('[data-test="rate-submit"]')
  await citizen.locator('[data-test="rounds"]:has-text("满意")').waitFor()
  await citizen.screenshot({ path: `${SHOTS}request.png`, fullPage: true })
  step('citizen rated SATISFIED, SOLVED')

  const after = await until('the public figures to count the rating', async () => {
    const n = await satisfied()
    return n !== before ? n : null
  })
  if (after !== before + 1) throw new Error(`satisfied went from ${before} to ${after}, not by exactly one`)
  step(`public satisfaction for Z-WSJKQ after: ${after} satisfied (+1)`)

  // the auditor's table, then the same screens in English with no message key showing
  const audit = await desk.newPage()
  await audit.goto(`${BASE}/stats`)
  await audit.locator('[data-test="stats"]').waitFor()
  await audit.screenshot({ path: `${SHOTS}stats.png`, fullPage: true })
  // switched in the page (a reload would sign out: the token lives in memory only)
  const KEY = /\b(app|nav|common|roles|signIn|file|status|caseStatus|actor|channel|mine|detail|satisfaction|solved|queue|case|returnReason|history|historyAction|extensionStatus|centre|stats|groupBy|units|notFound)\.[a-zA-Z.]+\b/g
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
  await audit.goto(`${BASE}/stats`)
  await audit.click('.lang')
  await audit.click('.el-select-dropdown__item:has-text("English"):visible')
  await noKeys(audit, 'statistics (en)')
  step('English: no message key shown')
  console.log('e2e walk: OK')
} catch (e) {
  console.error('e2e walk: FAILED', e)
  process.exitCode = 1
} finally {
  await browser.close()
}
