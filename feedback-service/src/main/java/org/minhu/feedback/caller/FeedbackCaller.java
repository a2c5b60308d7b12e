package org.minhu.feedback.caller;

/**
 * Who is calling the rating API: a citizen (by subject), or hotline staff of a governance centre
 * recording a call-back (回访) on the citizen's behalf.
 */
public sealed interface FeedbackCaller {

    record Citizen(String subject) implements FeedbackCaller {
    }

    /** Staff of a governance centre: {@code city-gc} for every region, {@code <region>-gc} for its own. */
    record CallCentre(String staffId, String unitId) implements FeedbackCaller {

        public static final String CITY = "city-gc";

        public boolean covers(String regionCode) {
            return CITY.equals(unitId) || (regionCode + "-gc").equals(unitId);
        }
    }
}
