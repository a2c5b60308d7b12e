package org.minhu.common.inbox;

/**
 * What a consumer does with the events of one topic: the one shape of every Minhu consumer, which
 * extends {@link EventConsumer}. The consumer method ({@code @Incoming}) only hands the message to
 * {@link EventConsumption#consume(String, EventHandler)}, which parses it, checks its source,
 * skips the types the handler does not act on, and runs {@link #apply} in a transaction of its own
 * together with the record of the event id ({@link ProcessedEvents}), retrying transient failures
 * and dead-lettering what can never be applied. {@code apply} reads the data as its record
 * ({@link InboundEvent#data(Class)}) and calls the service that owns the rule: no domain logic
 * in the handler.
 */
public interface EventHandler {

    /**
     * The namespace of the events published on the handler's topic ({@code org.minhu.case}): an
     * event of another namespace does not belong there and is dead-lettered.
     */
    String namespace();

    /**
     * Whether this service acts on events of {@code type} (of its namespace). The others are
     * acknowledged without a transaction: another service's business, or a type newer than this
     * service.
     */
    boolean handles(String type);

    /** Applies {@code event}, inside the consumption's transaction, at most once per event id. */
    void apply(InboundEvent event) throws Exception;
}
