package org.minhu.notification.notify;

/**
 * What a notification says; each kind has one template per language ({@code templates/notification/<KIND>.<locale>.txt}).
 * Citizen kinds go to the petitioner's subject, unit kinds to {@code unit:<unitId>}.
 */
public enum Kind {
    /** petition.submitted: the request was accepted, with its tracking number. */
    ACCEPTED,
    /** case.assigned: the request went to a unit (its name). */
    ASSIGNED,
    /** case.answered: the unit's reply, and the link to rate it. */
    ANSWERED,
    /** case.reopened: the case is handled again (重办). */
    REOPENED,
    /** case.withdrawn: the petitioner's withdrawal is done. */
    WITHDRAWN,
    /** case.refused (不予受理): out of remit, with the reason code and the route to take instead. */
    REFUSED,
    /** case.handed-off: an emergency service or a utility's hotline took it over. */
    HANDED_OFF,
    /** The rating window closes within a day (once per round). */
    RATING_CLOSING,
    /** case.assigned, to the unit: a new case. */
    UNIT_NEW_CASE,
    /** case.reopened, to the unit. */
    UNIT_REOPENED,
    /** case.reminded (催办), to the unit. */
    UNIT_REMINDED,
    /** case.escalated (督办), to the unit whose deadline passed. */
    UNIT_ESCALATED,
    /** The case's sign deadline is near and it is not signed (once per deadline). */
    UNIT_SIGN_DEADLINE;

    public static final String UNIT_PREFIX = "unit:";

    public static String unit(String unitId) {
        return UNIT_PREFIX + unitId;
    }
}
