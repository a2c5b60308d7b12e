package org.minhu.common.inbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.faulttolerance.api.Guard;
import org.minhu.common.tracing.EventTracing;

/**
 * The one way a Minhu consumer handles a message ({@link EventHandler}): parse the CloudEvent (a
 * message that is not one is dead-lettered at once, and so is one from a source that may not
 * produce its type), then apply it in a transaction of its own that records its id, retrying it in
 * place with exponential back-off while the failure is transient (the database away, a pool
 * exhausted, a lock or serialization conflict, a row changed by another consumer). The caller's
 * partition waits meanwhile, so one petition's events stay in order. What cannot succeed is
 * thrown as {@link DeadLetterException}; while the service stops, as
 * {@link ConsumerStoppingException}, which {@link DeadLetterStrategy} leaves uncommitted.
 */
@ApplicationScoped
public class EventConsumption {

    private static final Logger LOG = Logger.getLogger(EventConsumption.class);

    /** Attempts on the message the current thread is handling (a Guard's retries run on the caller's thread). */
    private static final ThreadLocal<Attempts> CURRENT = new ThreadLocal<>();

    private static final class Attempts {
        int count;
        Instant firstFailure;
    }

    private final ObjectMapper mapper;
    private final InboxConfig config;
    private final Guard guard;
    private final EventSources sources;
    private final ProcessedEvents processed;
    private final EventTracing tracing;
    private volatile boolean stopping;

    private final Counter retriedTransient;
    private final Counter retriedUnexpected;

    public EventConsumption(ObjectMapper mapper, InboxConfig config, ProcessedEvents processed, MeterRegistry registry,
                            EventTracing tracing) {
        this.mapper = mapper;
        this.tracing = tracing;
        this.retriedTransient = retried(registry, Failures.Kind.TRANSIENT);
        this.retriedUnexpected = retried(registry, Failures.Kind.UNEXPECTED);
        this.config = config;
        this.processed = processed;
        this.sources = new EventSources(config.sources());
        this.guard = Guard.create()
                .withRetry()
                .maxRetries(-1) // transient failures are retried until they pass; see retryable()
                .delay(config.initialDelay().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(3650, ChronoUnit.DAYS)
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(config.maxDelay().toMillis(), ChronoUnit.MILLIS)
                .done()
                .whenException(this::retryable)
                .done()
                .build();
    }

    /** {@code minhu.events.retried}: attempts at a message that failed and are tried again, by the failure's kind. */
    private static Counter retried(MeterRegistry registry, Failures.Kind kind) {
        return Counter.builder("minhu.events.retried")
                .description("Failed attempts at a consumed message that are retried in place")
                .tag("kind", kind.name())
                .register(registry);
    }

    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /** True once the service has begun to stop: no new attempt starts. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Parses {@code payload} and applies it with {@code handler}: an event that is not a CloudEvent,
     * whose source may not produce its type ({@link EventSources}) or whose type is not of the
     * handler's namespace is dead-lettered at once as poison; a type the handler does not act on is
     * acknowledged; the rest is applied in a new transaction that also records the event id, so
     * that an event delivered again changes nothing.
     */
    public void consume(String payload, EventHandler handler) {
        InboundEvent event = accepted(payload, handler);
        if (event != null) {
            applyAlone(event, handler);
        }
    }

    /**
     * Applies the events of one poll ({@code batch=true} on the channel) as {@link #consume(String,
     * EventHandler)} applies one, in record order, but all in one transaction: one commit for the
     * batch instead of one per event. When that transaction fails for any reason it is rolled back
     * and each event is applied again on its own, with the retries and the dead-lettering of
     * {@link #consume(String, EventHandler)}, so one bad event never holds back or dead-letters the
     * others. Each record is acknowledged (or dead-lettered) on its own: never the whole batch.
     */
    public CompletionStage<Void> consume(KafkaRecordBatch<?, String> batch, EventHandler handler) {
        List<CompletionStage<Void>> outcomes = new ArrayList<>();
        List<KafkaRecord<?, String>> records = new ArrayList<>();
        List<InboundEvent> events = new ArrayList<>();
        for (KafkaRecord<?, String> record : batch.getRecords()) {
            try {
                InboundEvent event = accepted(record.getPayload(), handler);
                if (event == null) {
                    outcomes.add(record.ack());
                } else {
                    records.add(record);
                    events.add(event);
                }
            } catch (DeadLetterException e) {
                outcomes.add(record.nack(e));
            }
        }
        boolean together = events.size() > 1 && !stopping && applyTogether(events, handler);
        for (int i = 0; i < events.size(); i++) {
            KafkaRecord<?, String> record = records.get(i);
            if (together) {
                outcomes.add(record.ack());
                continue;
            }
            try {
                applyAlone(events.get(i), handler);
                outcomes.add(record.ack());
            } catch (DeadLetterException | ConsumerStoppingException e) {
                outcomes.add(record.nack(e));
            }
        }
        // a failed acknowledgement leaves its record uncommitted (handled again, and found processed, after a
        // rebalance or restart); it must not fail the batch, whose nack would dead-letter every record in it
        return CompletableFuture.allOf(outcomes.stream().map(o -> o.toCompletableFuture().exceptionally(e -> null))
                .toArray(CompletableFuture[]::new));
    }

    /** The event in {@code payload} when the handler acts on it; null when it does not; poison is thrown as {@link DeadLetterException}. */
    private InboundEvent accepted(String payload, EventHandler handler) {
        InboundEvent event;
        try {
            event = InboundEvent.parse(mapper, payload);
            sources.check(event);
            if (!event.type().startsWith(handler.namespace() + ".")) {
                throw new InboundEvent.InvalidEventException("unexpected event type " + event.type()
                        + " (this topic carries " + handler.namespace() + ".*)");
            }
        } catch (RuntimeException e) {
            throw new DeadLetterException(Failures.Kind.POISON, 1, Instant.now(), e);
        }
        return handler.handles(event.type()) ? event : null;
    }

    private void applyAlone(InboundEvent event, EventHandler handler) {
        // one span for the event's work, its retries included, in the trace of the work that wrote it
        try (EventTracing.Active span = consuming(event)) {
            try {
                inTransaction(event.id() + " (" + event.type() + ")", () -> {
                    if (processed.firstTime(event.id())) {
                        handler.apply(event);
                    }
                });
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private EventTracing.Active consuming(InboundEvent event) {
        return tracing.consuming(event.type(), event.id().toString(), event.traceparent(), event.tracestate());
    }

    /** All of {@code events} in one transaction, once, no retry: true when it committed. */
    private boolean applyTogether(List<InboundEvent> events, EventHandler handler) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (InboundEvent event : events) {
                    // each event's work in a span of its own trace; a batch that fails marks the span of the
                    // event that failed it, and each is then applied again alone, in a span of its own
                    try (EventTracing.Active span = consuming(event)) {
                        try {
                            if (processed.firstTime(event.id())) {
                                handler.apply(event);
                            }
                        } catch (RuntimeException e) {
                            span.failed(e);
                            throw e;
                        } catch (Exception e) {
                            span.failed(e);
                            throw new IllegalStateException(e);
                        }
                    }
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("A batch of %d events failed together (%s); applying them one by one", events.size(),
                    DeadLetterException.rootMessage(e));
            return false;
        }
    }

    /** A unit of work of a consumer, run in a transaction of its own. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} in a new transaction with the consumers' retries: transient failures are
     * retried until they pass or the service stops; what cannot pass is thrown as
     * {@link DeadLetterException}.
     */
    public void inTransaction(String what, Work work) {
        Attempts attempts = new Attempts();
        CURRENT.set(attempts);
        try {
            guard.call(() -> {
                attempts.count++;
                QuarkusTransaction.requiringNew().call(() -> {
                    work.run();
                    return null;
                });
                return null;
            }, Void.class);
            if (attempts.count > 1) {
                LOG.infof("%s applied after %d attempts", what, attempts.count);
            }
        } catch (Exception e) {
            if (stopping) {
                throw new ConsumerStoppingException(e);
            }
            Failures.Kind kind = Failures.classify(e);
            throw new DeadLetterException(kind, attempts.count,
                    attempts.firstFailure == null ? Instant.now() : attempts.firstFailure, e);
        } finally {
            CURRENT.remove();
        }
    }

    private boolean retryable(Throwable failure) {
        Attempts attempts = CURRENT.get();
        if (attempts == null || stopping) {
            return false;
        }
        if (attempts.firstFailure == null) {
            attempts.firstFailure = Instant.now();
        }
        InboundEvent.NotYetApplicableException waiting = notYetApplicable(failure);
        if (waiting != null && !Instant.now().isBefore(attempts.firstFailure.plus(waiting.maxWait()))) {
            LOG.warnf("Gave up after waiting %s since the first attempt (attempt %d): %s", waiting.maxWait(), attempts.count,
                    waiting.getMessage());
            return false;
        }
        Failures.Kind kind = Failures.classify(failure);
        boolean retry = kind == Failures.Kind.TRANSIENT
                || kind == Failures.Kind.UNEXPECTED && attempts.count < config.unexpectedAttempts();
        if (retry) {
            (kind == Failures.Kind.TRANSIENT ? retriedTransient : retriedUnexpected).increment();
        }
        // one line on the first failure and then every 20th attempt: an outage must not flood the log
        if (retry && (attempts.count == 1 || attempts.count % 20 == 0)) {
            LOG.warnf("Attempt %d failed (%s, will retry): %s", attempts.count, kind, DeadLetterException.rootMessage(failure));
        }
        return retry;
    }

    private static InboundEvent.NotYetApplicableException notYetApplicable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InboundEvent.NotYetApplicableException waiting) {
                return waiting;
            }
        }
        return null;
    }
}
