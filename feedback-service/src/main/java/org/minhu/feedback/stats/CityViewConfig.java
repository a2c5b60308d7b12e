package org.minhu.feedback.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the rankings ({@code GET /api/v1/stats/rankings}) and the hot spots
 * ({@code GET /api/v1/stats/hotspots}), under {@code minhu.feedback}.
 */
@ConfigMapping(prefix = "minhu.feedback")
public interface CityViewConfig {

    Rankings rankings();

    Hotspots hotspots();

    interface Rankings {
        /**
         * Smallest denominator of the ranked rate (rated answers for the satisfaction and resolution
         * rates, signable assignments for the response rate, answers for the on-time rate) for a unit
         * or district to be ranked; below it the row says {@code tooFewToRank} and has no rank.
         */
        @WithDefault("10")
        int minVolume();
    }

    interface Hotspots {
        /** How many periods before each period make its baseline. */
        @WithDefault("4")
        int baselinePeriods();

        /** How many standard deviations above the baseline's mean a count must be to be a surge. */
        @WithDefault("3")
        double surgeSigma();

        /** Fewest petitions in a cell and period for a surge: a few petitions in a quiet cell are no surge. */
        @WithDefault("5")
        int surgeMinCount();

        /** Longest window (China dates, both inclusive) one question may span; longer gets 400 naming from. */
        @WithDefault("366")
        int maxDays();
    }
}
