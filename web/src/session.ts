import type { Router } from 'vue-router'
import { whenUnauthorized } from './api/client'
import { auth, type Session } from './stores/auth'
import { clearAllDrafts, draftsOwner } from './stores/drafts'

/**
 * Signing in and out, and what a 401 does. The drafts (a half-written request, a reply, a reason)
 * live in memory with the subject who wrote them: signing in again as the same person after a
 * token ran out gives them back; signing in as someone else, or signing out on purpose, drops
 * them, so a shared desk never shows one person's draft (a phone number, an address) to the next.
 */
export function startSession(session: Session): void {
  if (draftsOwner.sub !== session.sub) {
    clearAllDrafts()
  }
  draftsOwner.sub = session.sub
  auth.signIn(session)
}

/** Signing out on purpose: the token and the drafts go. */
export function endSession(): void {
  auth.signOut()
  clearAllDrafts()
  draftsOwner.sub = null
}

/**
 * A 401 from the API (the token ran out or was refused): the token goes, the drafts stay, and the
 * user is sent to sign in, then back to the page they were on (`redirect`), with a note that their
 * session expired (`expired=1`).
 */
export function installSessionExpiry(router: Router): void {
  whenUnauthorized(() => {
    auth.signOut()
    const here = router.currentRoute.value
    if (here.name !== 'sign-in') {
      router.push({ name: 'sign-in', query: { redirect: here.fullPath, expired: '1' } })
    }
  })
}
