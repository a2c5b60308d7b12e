// axe-core on the pages the walk visits: every check is kept, and the walk fails at its end when any page
// has a violation of impact critical or serious; the others (moderate, minor) are printed as a summary.
import { AxeBuilder } from '@axe-core/playwright'

// Rules switched off, each with the reason. Empty: the UI's violations are fixed in the components.
const DISABLED = []

const checked = []

/** Runs axe on the page as it is now, under the name given, and prints one line for it. */
export async function axe(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {})
  let builder = new AxeBuilder({ page })
  if (DISABLED.length) builder = builder.disableRules(DISABLED.map(r => r.id))
  const { violations } = await builder.analyze()
  const blocking = violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
  checked.push({ name, violations, blocking })
  const others = violations.length - blocking.length
  console.log(`  axe ${name}: ${blocking.length ? `${blocking.length} critical/serious` : 'no critical or serious violation'}`
    + (others ? `, ${others} other` : ''))
  for (const v of blocking) {
    console.log(`    ✗ ${v.impact} ${v.id}: ${v.help}`)
    for (const n of v.nodes.slice(0, 5)) console.log(`        ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim() ?? ''}`)
  }
}

/** The summary of every page checked; throws when a page had a critical or serious violation. */
export function axeSummary() {
  const others = new Map()
  for (const c of checked) {
    for (const v of c.violations) {
      if (c.blocking.includes(v)) continue
      const o = others.get(v.id) ?? { impact: v.impact, help: v.help, pages: new Set(), nodes: 0 }
      o.pages.add(c.name)
      o.nodes += v.nodes.length
      others.set(v.id, o)
    }
  }
  console.log(`axe: ${checked.length} pages checked (${checked.map(c => c.name).join(', ')})`
    + (DISABLED.length ? `; rules off: ${DISABLED.map(r => `${r.id} (${r.why})`).join('; ')}` : ''))
  for (const [id, o] of others) {
    console.log(`  ${o.impact} ${id}: ${o.help} (${o.nodes} nodes on ${[...o.pages].join(', ')})`)
  }
  const failing = checked.filter(c => c.blocking.length)
  if (failing.length) {
    throw new Error(`accessibility: critical or serious violations on ${failing.map(c => `${c.name} (${c.blocking.map(v => v.id).join(', ')})`).join('; ')}`)
  }
}
