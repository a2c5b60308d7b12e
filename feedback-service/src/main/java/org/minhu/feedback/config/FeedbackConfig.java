package org.minhu.feedback.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rating settings (docs/domain.md, "A request's life"), under {@code minhu.feedback}. */
@ConfigMapping(prefix = "minhu.feedback")
public interface FeedbackConfig {

    /** How long after an answer (答复) its petitioner may rate it; then the round is NOT_RATED. */
    @WithDefault("P7D")
    Duration ratingWindow();

    /** How often expired windows are closed (read by the expiry job's schedule), for example 1m. */
    @WithDefault("1m")
    String expiryInterval();

    /** Expired windows closed per transaction by the expiry job. */
    @WithDefault("500")
    int expiryBatch();
}
