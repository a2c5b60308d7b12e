package org.minhu.feedback.stats;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the public records export ({@code GET /api/v1/stats/records}), under
 * {@code minhu.feedback.export}. The export reads from its own small connection pool, the
 * {@code export} datasource, so that anonymous downloads can never take the connections that
 * ratings and the event consumers need.
 */
@ConfigMapping(prefix = "minhu.feedback.export")
public interface ExportConfig {

    /**
     * Exports streaming at the same time; one more is refused at once with 429. Defaults to the
     * export pool's size and is never allowed above it, so that an accepted export always finds a
     * free connection instead of waiting for one.
     */
    OptionalInt maxConcurrent();

    /** What the 429's Retry-After announces: roughly how long a typical export takes. */
    @WithDefault("30s")
    Duration retryAfter();

    /** Longest time the export's query may run on the server (SET LOCAL statement_timeout). */
    @WithDefault("120s")
    Duration statementTimeout();

    /** Longest window (China dates, both inclusive) one export may span; longer gets 400. */
    @WithDefault("366")
    int maxDays();
}
