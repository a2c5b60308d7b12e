import { reactive, readonly } from 'vue'

/**
 * Who is signed in, and their bearer token. Held in memory only: never in localStorage,
 * sessionStorage or a cookie, so a token dies with the tab and no script reading storage
 * finds one. A reload means signing in again (in local runs one click; in production the
 * identity provider's session).
 */
export type Role = 'citizen' | 'unit_staff' | 'governance' | 'auditor' | 'admin'

export interface Session {
  token: string
  role: Role
  sub: string
  unitId: string | null
  /** epoch ms */
  expiresAt: number
}

const state = reactive<{ session: Session | null }>({ session: null })

export const auth = {
  state: readonly(state),
  signIn(session: Session): void {
    state.session = { ...session }
  },
  signOut(): void {
    state.session = null
  },
  /** The token to send, or null when nobody is signed in or the token has run out. */
  token(now: number = Date.now()): string | null {
    const s = state.session
    if (!s || s.expiresAt <= now) {
      return null
    }
    return s.token
  },
  role(): Role | null {
    return state.session?.role ?? null
  },
}
