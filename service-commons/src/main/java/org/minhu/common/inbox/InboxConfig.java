package org.minhu.common.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How consumers retry, and whom they believe, under {@code minhu.inbox}. */
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

    /**
     * The CloudEvents sources allowed to produce each event-type namespace, for example
     * {@code minhu.inbox.sources."org.minhu.case"=/minhu/assignment-service}. Replaces the
     * platform's default for that namespace ({@link EventSources#DEFAULTS}: each service produces
     * its own events only); an event from any other source is dead-lettered, never applied.
     */
    Map<String, List<String>> sources();
}
