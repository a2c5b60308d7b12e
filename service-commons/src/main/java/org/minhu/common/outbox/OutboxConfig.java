package org.minhu.common.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of a service's transactional outbox and its relay, under {@code minhu.outbox}. */
@ConfigMapping(prefix = "minhu.outbox")
public interface OutboxConfig {

    /** CloudEvents {@code source} of this service's events, for example /minhu/petition-service. */
    String source();

    /** Whether this instance runs the relay (a replica can leave it to others). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Events sent per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for events when nothing woke it. */
    @WithDefault("PT0.2S")
    Duration pollInterval();

    /** Longest wait for Kafka's acknowledgements of one batch before the attempt is abandoned and retried. */
    @WithDefault("PT15S")
    Duration sendTimeout();

    /** Longest pause between attempts while Kafka is unreachable. */
    @WithDefault("PT5S")
    Duration maxBackoff();

    /** How often the backlog and the oldest event's age are counted for the metrics ({@link OutboxMetrics}). */
    @WithDefault("PT15S")
    Duration metricsInterval();

    /** How long published events stay in the table before they are purged. */
    @WithDefault("P7D")
    Duration retention();
}
