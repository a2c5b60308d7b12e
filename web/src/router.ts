import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { auth, type Role } from './stores/auth'

/** Each area is its own chunk: a citizen's phone loads only the citizen's screens. */
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', redirect: () => homeOf(auth.role()) },
  { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignIn.vue'), meta: { public: true } },
  { path: '/file', name: 'file', component: () => import('./views/citizen/FileRequest.vue'), meta: { roles: ['citizen'] } },
  { path: '/mine', name: 'mine', component: () => import('./views/citizen/MyRequests.vue'), meta: { roles: ['citizen'] } },
  { path: '/mine/:id', name: 'request', component: () => import('./views/citizen/RequestDetail.vue'), meta: { roles: ['citizen'] } },
  { path: '/desk/cases', name: 'queue', component: () => import('./views/desk/CaseQueue.vue'), meta: { roles: ['unit_staff', 'governance'] } },
  { path: '/desk/cases/:id', name: 'case', component: () => import('./views/desk/CaseDetail.vue'), meta: { roles: ['unit_staff', 'governance'] } },
  { path: '/desk/reply-templates', name: 'reply-templates', component: () => import('./views/desk/ReplyTemplates.vue'), meta: { roles: ['unit_staff', 'governance', 'admin'] } },
  { path: '/desk/knowledge', name: 'knowledge', component: () => import('./views/desk/Knowledge.vue'), meta: { roles: ['unit_staff', 'governance', 'admin'] } },
  { path: '/desk/returns', name: 'returns', component: () => import('./views/desk/Returns.vue'), meta: { roles: ['governance'] } },
  { path: '/desk/units', name: 'units', component: () => import('./views/desk/Units.vue'), meta: { roles: ['admin', 'governance', 'unit_staff'] } },
  { path: '/desk/routing', name: 'routing', component: () => import('./views/desk/Routing.vue'), meta: { roles: ['admin', 'governance'] } },
  { path: '/desk/open311', name: 'open311', component: () => import('./views/desk/Open311Clients.vue'), meta: { roles: ['admin'] } },
  { path: '/audit/requests', name: 'audit-requests', component: () => import('./views/audit/AuditRequests.vue'), meta: { roles: ['auditor'] } },
  { path: '/audit/requests/:id', name: 'audit-request', component: () => import('./views/audit/AuditRequestDetail.vue'), meta: { roles: ['auditor'] } },
  { path: '/inbox', name: 'inbox', component: () => import('./views/inbox/Inbox.vue'), meta: { roles: ['citizen', 'unit_staff'] } },
  { path: '/settings/notifications', name: 'notification-settings', component: () => import('./views/inbox/NotificationPreferences.vue'), meta: { roles: ['citizen'] } },
  { path: '/desk/notifications', name: 'unit-notification-settings', component: () => import('./views/inbox/NotificationPreferences.vue'), meta: { roles: ['unit_staff'] } },
  { path: '/desk/deliveries', name: 'deliveries', component: () => import('./views/desk/Deliveries.vue'), meta: { roles: ['admin'] } },
  // the links in e-mails and webhooks (notification-service): a request by its id, opened where the reader's role reads it
  {
    path: '/requests/:id', name: 'request-link', component: () => import('./views/NotFound.vue'),
    meta: { roles: ['citizen', 'auditor', 'unit_staff', 'governance', 'admin'] },
    beforeEnter: (to) => requestLink(auth.role(), String(to.params.id)),
  },
  { path: '/track', name: 'track', component: () => import('./views/Track.vue'), meta: { public: true } },
  { path: '/knowledge', name: 'public-knowledge', component: () => import('./views/PublicKnowledge.vue'), meta: { public: true } },
  { path: '/stats', name: 'stats', component: () => import('./views/desk/Stats.vue'), meta: { public: true } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue'), meta: { public: true } },
]

export function homeOf(role: Role | null): string {
  switch (role) {
    case 'citizen': return '/file'
    case 'unit_staff': return '/desk/cases'
    case 'governance': return '/desk/returns'
    case 'auditor': return '/stats'
    case 'admin': return '/desk/units'
    default: return '/sign-in'
  }
}

/** Where a message's link to request {@code id} opens for {@code role}: staff find its case in their queue. */
export function requestLink(role: Role | null, id: string): string {
  switch (role) {
    case 'citizen': return `/mine/${encodeURIComponent(id)}`
    case 'auditor': return `/audit/requests/${encodeURIComponent(id)}`
    default: return homeOf(role)
  }
}

export const router = createRouter({ history: createWebHistory(), routes })

/** Who may open a route: public ones anyone; the others a signed-in role they list, else sign-in first (and back). */
export function guard(to: RouteLocationNormalized) {
  if (to.meta.public) {
    return true
  }
  const role = auth.token() ? auth.role() : null
  if (!role) {
    // a session whose token ran out while the tab was open: say so on the sign-in page
    const expired = auth.state.session ? { expired: '1' } : {}
    return { name: 'sign-in', query: { redirect: to.fullPath, ...expired } }
  }
  const roles = to.meta.roles as Role[] | undefined
  if (roles && !roles.includes(role)) {
    return homeOf(role)
  }
  return true
}

router.beforeEach(guard)
