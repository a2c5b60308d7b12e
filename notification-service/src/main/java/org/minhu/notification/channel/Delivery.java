package org.minhu.notification.channel;

import java.util.UUID;

/** A delivery claimed for sending: where it goes, on which channel, and which attempt this is. */
public record Delivery(UUID id, UUID notificationId, String channel, String address, int attempt) {
}
