import { reactive } from 'vue'
import { auth } from './auth'
import { listNotifications } from '../api/notifications'

/**
 * The unread count the header's bell shows, shared with the inbox page (marking read there lowers it
 * at once). null: not known (not asked yet, or the last ask failed), shown as no count at all.
 */
export const inbox = reactive<{ unread: number | null }>({ unread: null })

/** Asks the notification-service for the count; a failure (service down, 401, garbage) shows no count. */
export async function refreshUnread(): Promise<void> {
  if (!auth.token()) {
    inbox.unread = null
    return
  }
  try {
    const page = await listNotifications({ limit: 1 }, true)
    inbox.unread = typeof page?.unread === 'number' && page.unread >= 0 ? page.unread : null
  } catch {
    inbox.unread = null
  }
}

export function setUnread(n: number | null | undefined): void {
  inbox.unread = typeof n === 'number' && n >= 0 ? n : null
}

/** One notification read here: the count goes down by one (never below 0). */
export function readOne(): void {
  if (inbox.unread !== null) {
    inbox.unread = Math.max(0, inbox.unread - 1)
  }
}
