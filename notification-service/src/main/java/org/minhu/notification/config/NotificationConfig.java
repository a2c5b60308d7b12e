package org.minhu.notification.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** notification-service's own settings, under {@code minhu.notification}. */
@ConfigMapping(prefix = "minhu.notification")
public interface NotificationConfig {

    /**
     * Prefix of the links in e-mails and webhooks (the web front-end's public address); the in-app
     * inbox gives the path alone ({@code /requests/<petitionId>}).
     */
    @WithDefault("http://localhost:8080")
    String webUrl();

    /**
     * How long a case or feedback event waits, retried in place, for its petition's submitted event
     * (two topics, no order between them); past that it is dead-lettered and can be replayed.
     */
    @WithDefault("PT10M")
    Duration waitForPetition();

    Dispatch dispatch();

    Webhook webhook();

    Reminders reminders();

    interface Dispatch {
        /** How often the dispatcher looks for due deliveries. */
        @WithDefault("2s")
        String interval();

        /** Deliveries claimed at once (FOR UPDATE SKIP LOCKED): small, so a slow channel holds few. */
        @WithDefault("10")
        int batchSize();

        /** Attempts at one delivery before it is FAILED with its last error. */
        @WithDefault("6")
        int maxAttempts();

        /** Pause after the first failed attempt; each further pause doubles, up to {@link #maxBackoff()}. */
        @WithDefault("PT30S")
        Duration initialBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();

        /**
         * How long a claimed delivery stays away from other dispatchers while it is sent: a dispatcher
         * that dies between sending and marking it SENT leaves it to be sent again after this.
         */
        @WithDefault("PT2M")
        Duration claimLease();

        /** Timeout of one SMTP send or webhook call. */
        @WithDefault("PT15S")
        Duration sendTimeout();
    }

    interface Webhook {
        /**
         * The HMAC-SHA256 key that signs every webhook ({@code Minhu-Signature}). Without it webhook
         * deliveries fail (FAILED, with the reason), never go out unsigned.
         */
        Optional<String> secret();

        /** Whether http:// URLs to localhost / 127.0.0.1 are accepted (tests only; otherwise https only). */
        @WithDefault("false")
        boolean allowHttpLocalhost();

        /**
         * Whether webhooks may go to loopback, private, link-local or unique-local addresses (tests).
         * Off: a host that resolves to one is refused at send time, so a webhook URL cannot reach the
         * platform's own network.
         */
        @WithDefault("false")
        boolean allowPrivateAddresses();
    }

    interface Reminders {
        /** How often the rating-window and sign-deadline reminders are looked for. */
        @WithDefault("1m")
        String interval();

        /** How long before a rating window closes the citizen is told (once). */
        @WithDefault("PT24H")
        Duration ratingClosingBefore();

        /** How long before a case's sign deadline the unit is told (once), unless it signed first. */
        @WithDefault("PT1H")
        Duration signDeadlineBefore();
    }
}
