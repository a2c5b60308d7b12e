package org.minhu.common.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import org.minhu.common.persistence.NativeWrites;
import org.minhu.common.tracing.EventTracing;

import io.opentelemetry.api.trace.Span;

/**
 * Publishes outbox rows to Kafka after they commit, in the order they were written, and marks each one published
 * only once the broker acknowledged it (acks=all). Woken right after each commit, and polling
 * in case a wake-up was missed (a crash, another replica's rows). Only one replica relays at a
 * time (a PostgreSQL advisory lock), so one petition's events keep their order. While Kafka is
 * unreachable the rows wait and the relay backs off; intake is not affected.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final RecordHeader CONTENT_TYPE_HEADER =
            new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));

    /** Advisory lock id ("minhu" + 1); each service has its own database, so one id serves all. */
    private static final long RELAY_LOCK = 0x6d696e6875L << 8 | 1;

    private final EntityManager em;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final EventTracing tracing;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;
    private final String clientId;
    private Producer<String, byte[]> producer;

    public OutboxRelay(EntityManager em, OutboxConfig config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EventTracing tracing) {
        this.em = em;
        this.tracing = tracing;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.clientId = config.source().substring(config.source().lastIndexOf('/') + 1);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled on this instance");
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            wakeUp.release();
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after every commit that wrote an event. */
    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Relay attempts that failed (Kafka unreachable or refusing) since this instance started. */
    public long failureCount() {
        return failures.get();
    }

    /** Events this instance has published since it started. */
    public long publishedCount() {
        return published.get();
    }

    private void run() {
        long backoffMs = 0;
        while (running) {
            try {
                if (backoffMs > 0) {
                    sleep(backoffMs);
                } else {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUp.drainPermits();
                int sent;
                do {
                    sent = drainOnce();
                } while (running && sent >= config.batchSize());
                backoffMs = 0;
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                // only stop() may end the relay: a stray interrupt must not leave events unpublished for good
                LOG.warn("Outbox relay interrupted while running; carrying on");
                Thread.interrupted();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                backoffMs = Math.min(Math.max(backoffMs * 2, 250), config.maxBackoff().toMillis());
                LOG.warnf("Outbox relay could not publish (%s); retrying in %d ms", rootMessage(e), backoffMs);
            }
        }
    }

    /**
     * Publishes one batch in one transaction; returns how many events were published.
     * Rows whose send failed stay unpublished and are retried.
     */
    int drainOnce() {
        Batch batch = QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            Boolean leader = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, RELAY_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(leader)) {
                return new Batch(0, null);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT id, topic, message_key, cloud_event, event_type FROM outbox_event "
                                    + "WHERE published_at IS NULL ORDER BY created_at, id LIMIT ?1")
                    .setParameter(1, config.batchSize())
                    .getResultList();
            if (rows.isEmpty()) {
                return new Batch(0, null);
            }
            Producer<String, byte[]> kafka = producer();
            List<Long> ids = new ArrayList<>(rows.size());
            List<Future<?>> acks = new ArrayList<>(rows.size());
            // one producer span per event, in the event's own trace, ended at its acknowledgement
            List<Span> spans = new ArrayList<>(rows.size());
            RuntimeException sendFailure = null;
            for (Object[] row : rows) {
                String cloudEvent = (String) row[3];
                Span span = tracing.publishing((String) row[1], (String) row[4], cloudEvent);
                String traceparent = EventTracing.traceparent(span);
                List<org.apache.kafka.common.header.Header> headers = traceparent == null
                        ? List.of(CONTENT_TYPE_HEADER)
                        // also as a header, for Kafka tools and consumers instrumented by their Kafka client
                        : List.of(CONTENT_TYPE_HEADER, new RecordHeader(EventTracing.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII)));
                ProducerRecord<String, byte[]> record = new ProducerRecord<>((String) row[1], null, (String) row[2],
                        cloudEvent.getBytes(StandardCharsets.UTF_8), headers);
                spans.add(span);
                try {
                    Future<?> ack = kafka.send(record);
                    // send() reports a metadata timeout (broker away) as an already failed future after
                    // blocking max.block.ms: stop at the first, or a batch of 500 would block 500 times
                    if (ack.isDone()) {
                        ack.get();
                    }
                    acks.add(ack);
                    ids.add(((Number) row[0]).longValue());
                } catch (RuntimeException e) {
                    sendFailure = e;
                    EventTracing.end(spans.remove(spans.size() - 1), e);
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    sendFailure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    EventTracing.end(spans.remove(spans.size() - 1), sendFailure);
                    break;
                }
            }
            // Wait for the acknowledgements, but never longer than the send timeout: a producer that
            // cannot reach the broker is closed (its unsent records fail and are never sent later)
            // and the rows stay unpublished for the next attempt with a fresh producer.
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            List<Long> acked = new ArrayList<>(ids.size());
            Exception ackFailure = null;
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acked.add(ids.get(i));
                    EventTracing.end(spans.get(i), null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ackFailure = e;
                    spans.subList(i, spans.size()).forEach(span -> EventTracing.end(span, e));
                    break;
                } catch (Exception e) {
                    ackFailure = e;
                    EventTracing.end(spans.get(i), e);
                }
            }
            if (sendFailure != null || ackFailure != null) {
                discardProducer();
            }
            if (!acked.isEmpty()) {
                NativeWrites.statement(em, "UPDATE outbox_event SET published_at = now() WHERE id IN (:ids)", "outbox_event")
                        .setParameter("ids", acked)
                        .executeUpdate();
                published.addAndGet(acked.size());
            }
            // the failure is raised only after this transaction has committed the acknowledged rows:
            // thrown in here, it would roll their marks back and publish them a second time
            return new Batch(acked.size(), sendFailure != null ? sendFailure : ackFailure);
        });
        if (batch.failure() != null) {
            throw batch.failure() instanceof RuntimeException r ? r
                    : new IllegalStateException(rootMessage(batch.failure()), batch.failure());
        }
        return batch.published();
    }

    /** What one relay transaction published, and what stopped it (null when nothing did). */
    private record Batch(int published, Exception failure) {
    }

    private synchronized void discardProducer() {
        if (producer != null) {
            Producer<String, byte[]> old = producer;
            producer = null;
            // An idempotent producer whose broker is away can take up to a minute to close (its I/O
            // thread waits for a producer id): the relay must not wait for it to try again.
            Thread closer = new Thread(() -> old.close(Duration.ZERO), "outbox-producer-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-outbox");
            props.keySet().removeIf(k -> !ProducerConfig.configNames().contains(k));
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private static void sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
