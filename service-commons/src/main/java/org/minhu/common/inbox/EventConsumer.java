package org.minhu.common.inbox;

import java.util.concurrent.CompletionStage;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The base of every Minhu consumer: an {@link EventHandler} for one topic's namespace whose
 * {@code @Incoming} method (declared by the subclass, which names the topic and its worker pool)
 * only returns {@link #handle}, which hands the batch to {@link EventConsumption}. The subclass
 * says which types it acts on and applies each through the service that owns the rule.
 */
public abstract class EventConsumer implements EventHandler {

    private final EventConsumption consumption;
    private final String namespace;

    /** For CDI's client proxy only. */
    protected EventConsumer() {
        this(null, null);
    }

    protected EventConsumer(EventConsumption consumption, String namespace) {
        this.consumption = consumption;
        this.namespace = namespace;
    }

    /** What the subclass's {@code @Incoming} method returns: each record applied, acknowledged or dead-lettered on its own. */
    protected CompletionStage<Void> handle(KafkaRecordBatch<String, String> batch) {
        return consumption.consume(batch, this);
    }

    @Override
    public String namespace() {
        return namespace;
    }
}
