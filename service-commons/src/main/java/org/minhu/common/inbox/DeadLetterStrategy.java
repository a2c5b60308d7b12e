package org.minhu.common.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;

/**
 * The failure strategy of every Minhu consumer ({@code failure-strategy=minhu-dead-letter}).
 * A message a consumer gave up on goes to the channel's dead-letter topic through SmallRye's own
 * dead-letter handler, with headers saying why: besides SmallRye's reason, original topic,
 * partition and offset, {@value #KIND}, {@value #ATTEMPTS} and {@value #FIRST_FAILURE}. A message
 * that failed because the service is stopping is not dead-lettered: the channel stops without
 * committing it, and it is handled again at the next start.
 */
@ApplicationScoped
@Identifier(DeadLetterStrategy.NAME)
public class DeadLetterStrategy implements KafkaFailureHandler.Factory {

    public static final String NAME = "minhu-dead-letter";
    public static final String KIND = "minhu-dead-letter-kind";
    public static final String ATTEMPTS = "minhu-dead-letter-attempts";
    public static final String FIRST_FAILURE = "minhu-dead-letter-first-failure";

    private static final Logger LOG = Logger.getLogger(DeadLetterStrategy.class);

    @Inject
    @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
    KafkaFailureHandler.Factory deadLetterQueue;

    @Inject
    EventConsumption consumption;

    @Inject
    MeterRegistry registry;

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler dead = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        String channel = config.getChannel();
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (reason instanceof ConsumerStoppingException || consumption.stopping()) {
                    LOG.infof("%s: %s-%d offset %d left uncommitted for the next start (the service is stopping)",
                            channel, record.getTopic(), record.getPartition(), record.getOffset());
                    return Uni.createFrom().<Void>failure(reason).emitOn(record::runOnMessageContext);
                }
                DeadLetterException given = reason instanceof DeadLetterException d ? d
                        : new DeadLetterException(Failures.classify(reason), 1, Instant.now(), reason);
                RecordHeaders headers = new RecordHeaders();
                headers.add(KIND, bytes(given.kind().name()));
                headers.add(ATTEMPTS, bytes(Integer.toString(given.attempts())));
                headers.add(FIRST_FAILURE, bytes(given.firstFailure().toString()));
                LOG.warnf("%s: %s-%d offset %d dead-lettered: %s", channel, record.getTopic(), record.getPartition(),
                        record.getOffset(), given.getMessage());
                Metadata withHeaders = (metadata == null ? Metadata.empty() : metadata)
                        .with(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build());
                deadLettered(record.getTopic(), given);
                return dead.handle(record, given, withHeaders);
            }

            @Override
            public void terminate() {
                dead.terminate();
            }
        };
    }

    /**
     * Counts a dead letter as {@code minhu.events.dead.lettered}: tagged with the original topic, the
     * failure's kind ({@link Failures.Kind}) and its reason, the simple class name of the exception
     * at the root of the failure (a bounded set: classes, never a message, an id or a payload).
     */
    void deadLettered(String topic, DeadLetterException given) {
        Counter.builder("minhu.events.dead.lettered")
                .description("Messages a consumer gave up on and sent to its dead-letter topic")
                .tag("topic", topic == null ? "unknown" : topic)
                .tag("kind", given.kind().name())
                .tag("reason", reason(given))
                .register(registry).increment();
    }

    /** The simple class name of the exception at the root of a dead letter's cause. */
    static String reason(DeadLetterException given) {
        Throwable root = given.getCause() == null ? given : given.getCause();
        while (root.getCause() != null && root.getCause() != root && !(root instanceof InboundEvent.InvalidEventException)) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return name.isEmpty() ? root.getClass().getName().replaceAll(".*\\.", "") : name;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
