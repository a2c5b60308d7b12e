package org.minhu.notification.channel;

import java.time.Instant;
import java.util.UUID;

/** A notification rendered in its recipient's language, with what a webhook receiver needs to file it. */
public record RenderedMessage(UUID notificationId, String kind, UUID petitionId, UUID caseId, String trackingNumber,
                              String locale, String subject, String body, String link, Instant createdAt) {
}
