package org.minhu.notification.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the notification API reads and writes. */
public final class Views {

    private Views() {
    }

    @Schema(name = "Notification", description = "One notification, rendered in the Accept-Language locale (zh-CN by default)")
    public record Notification(UUID id,
                               @Schema(examples = "ANSWERED") String kind,
                               UUID petitionId,
                               @Schema(nullable = true) UUID caseId,
                               @Schema(examples = "CQ-20261124-000123") String trackingNumber,
                               String subject,
                               String body,
                               @Schema(nullable = true, examples = "/requests/3f2b8c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b") String link,
                               Instant createdAt,
                               @Schema(nullable = true) Instant readAt) {
    }

    @Schema(name = "NotificationPage")
    public record Page(List<Notification> items,
                       @Schema(description = "Unread notifications of the caller in all") long unread,
                       @Schema(nullable = true, description = "Pass as before= for the next (older) page; null on the last page") String nextCursor) {
    }

    @Schema(name = "NotificationPreferences", description = "For unit staff, the unit's preferences")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Preferences(@Schema(enumeration = {"zh-CN", "en"}) String locale,
                              Email email,
                              Webhook webhook,
                              QuietHours quietHours) {
    }

    @Schema(name = "NotificationEmail")
    public record Email(@Schema(nullable = true, examples = "wang@example.com") String address, Boolean enabled) {
    }

    @Schema(name = "NotificationWebhook", description = "POSTed JSON, signed with HMAC-SHA256 (see the README)")
    public record Webhook(@Schema(nullable = true, examples = "https://hooks.example.com/minhu") String url, Boolean enabled) {
    }

    @Schema(name = "NotificationQuietHours", description = "China time; webhooks of non-urgent requests wait until they end")
    public record QuietHours(@Schema(examples = "22:00") String start, @Schema(examples = "08:00") String end) {
    }

    @Schema(name = "NotificationDelivery")
    public record DeliveryRecord(UUID id, UUID notificationId, String kind,
                                 @Schema(enumeration = {"EMAIL", "WEBHOOK"}) String channel,
                                 @Schema(description = "Masked", examples = "w***@example.com") String to,
                                 @Schema(enumeration = {"PENDING", "SENT", "FAILED", "HELD"}) String status,
                                 int attempts,
                                 @Schema(nullable = true) String lastError,
                                 Instant createdAt,
                                 @Schema(nullable = true) Instant sentAt) {
    }

    @Schema(name = "NotificationDeliveries")
    public record Deliveries(List<DeliveryRecord> items) {
    }
}
