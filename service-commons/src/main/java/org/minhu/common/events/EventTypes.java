package org.minhu.common.events;

import java.util.Map;
import java.util.Optional;

/** The record that holds the data of each event type the platform publishes. */
public final class EventTypes {

    private static final Map<String, Class<? extends EventData>> DATA = Map.ofEntries(
            Map.entry(PetitionEvents.SUBMITTED, PetitionEvents.Submitted.class),
            Map.entry(CaseEvents.ASSIGNED, CaseEvents.Data.class),
            Map.entry(CaseEvents.SIGNED, CaseEvents.Data.class),
            Map.entry(CaseEvents.RETURNED, CaseEvents.Data.class),
            Map.entry(CaseEvents.CO_HANDLER_ADDED, CaseEvents.Data.class),
            Map.entry(CaseEvents.EXTENSION_REQUESTED, CaseEvents.Data.class),
            Map.entry(CaseEvents.EXTENDED, CaseEvents.Data.class),
            Map.entry(CaseEvents.EXTENSION_DENIED, CaseEvents.Data.class),
            Map.entry(CaseEvents.REMINDED, CaseEvents.Data.class),
            Map.entry(CaseEvents.ESCALATED, CaseEvents.Data.class),
            Map.entry(CaseEvents.ANSWERED, CaseEvents.Data.class),
            Map.entry(CaseEvents.REOPENED, CaseEvents.Data.class),
            Map.entry(CaseEvents.WITHDRAWN, CaseEvents.Data.class),
            Map.entry(CaseEvents.REFUSED, CaseEvents.Data.class),
            Map.entry(CaseEvents.HANDED_OFF, CaseEvents.Data.class),
            Map.entry(PetitionEvents.INFORMATION_ADDED, PetitionEvents.InformationAdded.class),
            Map.entry(FeedbackEvents.RECORDED, FeedbackEvents.Recorded.class),
            Map.entry(FeedbackEvents.NOT_RATED, FeedbackEvents.NotRated.class),
            Map.entry(FeedbackEvents.ROUND_OPENED, FeedbackEvents.RoundOpened.class));

    private EventTypes() {
    }

    /** The record of {@code type}'s data, empty for a type the platform does not publish. */
    public static Optional<Class<? extends EventData>> dataOf(String type) {
        return Optional.ofNullable(DATA.get(type));
    }

    /** Every event type the platform publishes. */
    public static java.util.Set<String> all() {
        return DATA.keySet();
    }
}
