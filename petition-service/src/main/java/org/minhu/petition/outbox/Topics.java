package org.minhu.petition.outbox;

/** Kafka topics this service writes; documented in docs/asyncapi.yaml. */
public final class Topics {

    /** Every event about a petition's intake, keyed by petition id so one request's events stay in order. */
    public static final String PETITION_EVENTS = "minhu.petition.events";

    private Topics() {
    }
}
