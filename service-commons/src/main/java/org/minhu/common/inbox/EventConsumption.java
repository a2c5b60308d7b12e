package org.minhu.common.inbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The one way a Minhu consumer handles a message: parse the CloudEvent (a message that is not one
 * is dead-lettered at once, and so is one from a source that may not produce its type), then run the handler in a transaction of its own, retrying it in
 * place with exponential back-off while the failure is transient (the database away, a pool
 * exhausted, a lock or serialization conflict, a row changed by another consumer). The caller's
 * partition waits meanwhile, so one petition's events stay in order. What cannot succeed is
 * thrown as {@link DeadLetterException}; while the service stops, as
 * {@link ConsumerStoppingException}, which {@link DeadLetterStrategy} leaves uncommitted.
 */
@ApplicationScoped
public class EventConsumption {

    private static final Logger LOG = Logger.getLogger(EventConsumption.class);

    /** The consumer's work on one event, run inside a new transaction. */
    @FunctionalInterface
    public interface Handler {
        void handle(InboundEvent event) throws Exception;
    }

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
    private volatile boolean stopping;

    public EventConsumption(ObjectMapper mapper, InboxConfig config) {
        this.mapper = mapper;
        this.config = config;
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

    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /** True once the service has begun to stop: no new attempt starts. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Parses {@code payload} and runs {@code handler} on it in a new transaction, with retries. An
     * event whose source may not produce its type ({@link EventSources}) never reaches the handler:
     * it is dead-lettered at once as poison.
     */
    public void consume(String payload, Handler handler) {
        InboundEvent event;
        try {
            event = InboundEvent.parse(mapper, payload);
            sources.check(event);
        } catch (RuntimeException e) {
            throw new DeadLetterException(Failures.Kind.POISON, 1, Instant.now(), e);
        }
        inTransaction(event.id() + " (" + event.type() + ")", () -> handler.handle(event));
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
        Failures.Kind kind = Failures.classify(failure);
        boolean retry = kind == Failures.Kind.TRANSIENT
                || kind == Failures.Kind.UNEXPECTED && attempts.count < config.unexpectedAttempts();
        // one line on the first failure and then every 20th attempt: an outage must not flood the log
        if (retry && (attempts.count == 1 || attempts.count % 20 == 0)) {
            LOG.warnf("Attempt %d failed (%s, will retry): %s", attempts.count, kind, DeadLetterException.rootMessage(failure));
        }
        return retry;
    }
}
