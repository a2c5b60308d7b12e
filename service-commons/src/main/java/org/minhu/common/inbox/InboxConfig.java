package org.minhu.common.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How consumers retry, under {@code minhu.inbox}. */
@ConfigMapping(prefix = "minhu.inbox")
public interface InboxConfig {

    /** First pause after a failed attempt; each further pause doubles, up to {@link #maxDelay()}. */
    @WithDefault("PT0.1S")
    Duration initialDelay();

    /** Longest pause between attempts: a database back after an outage is noticed within it. */
    @WithDefault("PT5S")
    Duration maxDelay();

    /**
     * Attempts for a failure that is neither poison nor known to be transient (most likely a bug)
     * before the message goes to the dead-letter topic, from where it can be replayed after a fix.
     */
    @WithDefault("5")
    int unexpectedAttempts();
}
