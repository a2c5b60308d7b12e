import { api } from './client'
import { i18n } from '../i18n'
import type { Role } from '../stores/auth'

/**
 * 消息通知: the notification-service's API through the gateway (/api/v1/notifications, …-preferences,
 * …-deliveries). Subjects and bodies come rendered by the service in the language sent as
 * Accept-Language, which is always the UI's current locale.
 */
export const CITIZEN_KINDS = ['ACCEPTED', 'ASSIGNED', 'ANSWERED', 'RATING_CLOSING', 'REOPENED', 'WITHDRAWN', 'REFUSED', 'HANDED_OFF'] as const
export const UNIT_KINDS = ['CASE_NEW', 'REOPENED', 'REMINDED', 'ESCALATED', 'SIGN_DEADLINE_NEAR'] as const
export const DELIVERY_STATUSES = ['PENDING', 'SENT', 'FAILED', 'HELD'] as const
export const DELIVERY_CHANNELS = ['EMAIL', 'WEBHOOK'] as const
/** How often the bell asks for the unread count while the tab is visible. */
export const POLL_MS = 30_000

export interface Notification {
  id: string
  kind: string
  petitionId?: string | null
  caseId?: string | null
  trackingNumber?: string | null
  subject: string
  body?: string | null
  link?: string | null
  createdAt: string
  readAt?: string | null
}

export interface NotificationPage {
  items: Notification[]
  unread: number
  nextCursor?: string | null
}

export interface NotificationPreferences {
  locale: 'zh-CN' | 'en'
  email: { address: string | null; enabled: boolean }
  webhook: { url: string | null; enabled: boolean }
  /** Nothing is sent between start and end (China time, HH:mm; may span midnight); null: no quiet hours. */
  quietHours: { start: string; end: string } | null
}

export interface Delivery {
  id: string
  notificationId: string
  kind: string
  channel: string
  /** Masked by the service (w***@example.com, https://hooks.example.com/…). */
  to: string
  status: string
  attempts: number
  lastError?: string | null
  createdAt: string
  sentAt?: string | null
}

function language(): Record<string, string> {
  return { 'Accept-Language': String(i18n.global.locale.value) }
}

export interface ListOptions { limit?: number; before?: string | null; unreadOnly?: boolean }

export function listNotifications(options: ListOptions = {}, background = false): Promise<NotificationPage> {
  return api.get<NotificationPage>('/api/v1/notifications', {
    query: { limit: options.limit, before: options.before, unreadOnly: options.unreadOnly ? true : undefined },
    headers: language(),
    ...(background ? { reportUnauthorized: false } : {}),
  })
}

export function markRead(id: string): Promise<void> {
  return api.post<void>(`/api/v1/notifications/${encodeURIComponent(id)}/read`)
}

export function markAllRead(): Promise<void> {
  return api.post<void>('/api/v1/notifications/read-all')
}

export function getPreferences(): Promise<NotificationPreferences> {
  return api.get<NotificationPreferences>('/api/v1/notification-preferences')
}

export function putPreferences(p: NotificationPreferences): Promise<NotificationPreferences | null> {
  return api.put<NotificationPreferences | null>('/api/v1/notification-preferences', p)
}

/** `background`: a read beside the page's own (the request's sent messages), whose 401 sends nobody to sign-in. */
export function listDeliveries(options: { petitionId?: string; limit?: number } = {}, background = false): Promise<Delivery[]> {
  return api.get<{ items?: Delivery[] }>('/api/v1/notification-deliveries', {
    query: { petitionId: options.petitionId, limit: options.limit },
    headers: language(),
    ...(background ? { reportUnauthorized: false } : {}),
  }).then(d => (Array.isArray(d?.items) ? d.items : []))
}

/**
 * The UI's route for a notification's link: the service writes app paths (`/requests/<petitionId>` for
 * citizens, `/cases/<caseId>` for units; either may carry the `/api/v1` prefix); the UI's routes are
 * `/mine/:id` and `/desk/cases/:id`. A link it does not know falls back to the notification's
 * petitionId (citizen) or caseId (unit staff); null when there is nothing to open.
 */
export function routeOf(n: Notification, role: Role | null): string | null {
  const path = (n.link ?? '').replace(/^https?:\/\/[^/]+/, '').replace(/^\/api\/v1/, '').split(/[?#]/)[0]
  let m = /^\/(?:requests|petitions|mine)\/([^/]+)\/?$/.exec(path)
  if (m && role === 'citizen') {
    return `/mine/${m[1]}`
  }
  m = /^\/(?:desk\/)?cases\/([^/]+)\/?$/.exec(path)
  if (m && role !== 'citizen') {
    return `/desk/cases/${m[1]}`
  }
  if (role === 'citizen' && n.petitionId) {
    return `/mine/${n.petitionId}`
  }
  if (role !== 'citizen' && n.caseId) {
    return `/desk/cases/${n.caseId}`
  }
  return null
}

/** The preferences page of a role: the citizen's own, the unit's (unit staff); none for others. */
export function preferencesRoute(role: Role | null): string | null {
  return role === 'citizen' ? '/settings/notifications' : role === 'unit_staff' ? '/desk/notifications' : null
}
