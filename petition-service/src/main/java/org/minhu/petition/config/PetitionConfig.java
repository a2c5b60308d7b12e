package org.minhu.petition.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of petition-service, all under {@code minhu.petition}. */
@ConfigMapping(prefix = "minhu.petition")
public interface PetitionConfig {

    /** Prefix of human tracking numbers: CQ-20261124-000123. */
    @WithDefault("CQ")
    String trackingPrefix();

    Outbox outbox();

    Idempotency idempotency();

    interface Outbox {
        /** Whether this instance runs the relay (a replica can leave it to others). */
        @WithDefault("true")
        boolean relayEnabled();

        /** Events sent per relay transaction. */
        @WithDefault("500")
        int batchSize();

        /** How often the relay looks for events when nothing woke it. */
        @WithDefault("PT0.2S")
        Duration pollInterval();

        /** Longest pause between attempts while Kafka is unreachable. */
        @WithDefault("PT5S")
        Duration maxBackoff();

        /** How long published events stay in the table before they are purged. */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Idempotency {
        /** How long a key and its response are kept (the draft asks for at least 24 hours). */
        @WithDefault("PT48H")
        Duration retention();

        /** How long a request may hold its key in flight before a retry may take it over (crash recovery). */
        @WithDefault("PT30S")
        Duration lease();
    }
}
