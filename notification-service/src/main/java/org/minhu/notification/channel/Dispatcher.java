package org.minhu.notification.channel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.minhu.common.persistence.NativeWrites;
import org.minhu.common.privacy.PersonalData;
import org.minhu.notification.config.NotificationConfig;
import org.minhu.notification.notify.Messages;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due deliveries. Each run claims a small batch of PENDING deliveries (and HELD ones whose quiet
 * hours ended) with {@code FOR UPDATE SKIP LOCKED}, so replicas never claim the same one, and pushes
 * their next attempt a lease ahead before committing; then it sends each outside any transaction and
 * marks it SENT, or, when the channel failed, schedules the next attempt with exponential back-off,
 * up to {@code max-attempts}, after which it is FAILED with its last error (counted in
 * {@code minhu.notification.deliveries{outcome=failed}}). A webhook delivery of a petition that is not
 * URGENT is HELD during its recipient's quiet hours (China time) until they end; e-mail is never held.
 *
 * <p>At least once: a dispatcher that dies after a channel accepted a message but before it marked
 * the delivery SENT leaves it to be sent again once the lease expires. A delivery marked SENT is
 * never claimed again, so a restart resends nothing that was marked.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final int MAX_BATCHES_PER_RUN = 20;

    private final EntityManager em;
    private final NotificationConfig config;
    private final Messages messages;
    private final ObjectMapper json;
    private final Map<String, Channel> channels;
    private final MeterRegistry registry;

    public Dispatcher(EntityManager em, NotificationConfig config, Messages messages, ObjectMapper json,
                      Instance<Channel> channels, MeterRegistry registry) {
        this.em = em;
        this.config = config;
        this.messages = messages;
        this.json = json;
        this.registry = registry;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        for (String channel : this.channels.keySet()) {
            for (String outcome : List.of("sent", "retried", "failed")) {
                counter(channel, outcome);
            }
        }
    }

    private Counter counter(String channel, String outcome) {
        return Counter.builder("minhu.notification.deliveries")
                .description("Delivery attempts on the external channels, by outcome: sent, retried (failed, tried again later), failed (given up)")
                .tag("channel", channel).tag("outcome", outcome).register(registry);
    }

    private record Claimed(Delivery delivery, RenderedMessage message) {
    }

    @Scheduled(every = "${minhu.notification.dispatch.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "notification-dispatch")
    void run() {
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            List<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claim);
            if (claimed.isEmpty()) {
                return;
            }
            claimed.forEach(this::send);
        }
    }

    /** Sends every due delivery now (what the scheduled run does); for tests and operators. */
    public void dispatchNow() {
        run();
    }

    @SuppressWarnings("unchecked")
    List<Claimed> claim() {
        List<Object[]> rows = em.createNativeQuery("SELECT d.id, d.notification_id, d.channel, d.address, d.attempts, n.urgent, "
                        + "to_char(coalesce(p.quiet_start, TIME '22:00'), 'HH24:MI'), to_char(coalesce(p.quiet_end, TIME '08:00'), 'HH24:MI'), "
                        + "n.kind, CAST(n.variables AS text), n.petition_id, n.case_id, n.created_at, coalesce(p.locale, 'zh-CN') "
                        + "FROM delivery d JOIN notification n ON n.id = d.notification_id "
                        + "LEFT JOIN preference p ON p.recipient = n.recipient "
                        + "WHERE d.status IN ('PENDING', 'HELD') AND d.next_attempt_at <= now() "
                        + "ORDER BY d.next_attempt_at LIMIT ?1 FOR UPDATE OF d SKIP LOCKED")
                .setParameter(1, config.dispatch().batchSize()).getResultList();
        List<Claimed> claimed = new ArrayList<>();
        Instant now = Instant.now();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            String channel = (String) r[2];
            boolean urgent = Boolean.TRUE.equals(r[5]);
            if ("WEBHOOK".equals(channel) && !urgent) {
                Instant quietEnd = QuietHours.endIfWithin(now, LocalTime.parse((String) r[6]), LocalTime.parse((String) r[7]));
                if (quietEnd != null) {
                    NativeWrites.statement(em, "UPDATE delivery SET status = 'HELD', next_attempt_at = ?2 WHERE id = ?1", "delivery")
                            .setParameter(1, id).setParameter(2, quietEnd).executeUpdate();
                    continue;
                }
            }
            int attempt = ((Number) r[4]).intValue() + 1;
            NativeWrites.statement(em, "UPDATE delivery SET status = 'PENDING', attempts = ?2, next_attempt_at = ?3 WHERE id = ?1", "delivery")
                    .setParameter(1, id).setParameter(2, attempt).setParameter(3, now.plus(lease()))
                    .executeUpdate();
            String kind = (String) r[8];
            String locale = (String) r[13];
            UUID notificationId = (UUID) r[1];
            try {
                JsonNode variables = json.readTree((String) r[9]);
                Messages.Rendered text = messages.render(kind, locale, variables, config.webUrl());
                RenderedMessage message = new RenderedMessage(notificationId, kind, (UUID) r[10], (UUID) r[11],
                        variables.path("trackingNumber").asText(null), locale, text.subject(), text.body(), text.link(), instant(r[12]));
                claimed.add(new Claimed(new Delivery(id, notificationId, channel, (String) r[3], attempt), message));
            } catch (Exception e) {
                LOG.errorf(e, "delivery %s: cannot render %s", id, kind);
                failed(new Delivery(id, notificationId, channel, (String) r[3], attempt), e, true);
            }
        }
        return claimed;
    }

    private void send(Claimed c) {
        Delivery d = c.delivery();
        Channel channel = channels.get(d.channel());
        try {
            if (channel == null) {
                throw new IllegalStateException("no channel " + d.channel());
            }
            channel.send(d, c.message());
        } catch (Exception e) {
            LOG.warnf("delivery %s (%s, attempt %d) failed: %s", d.id(), d.channel(), d.attempt(), PersonalData.mask(e.getMessage()));
            QuarkusTransaction.requiringNew().run(() -> failed(d, e, false));
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> NativeWrites.statement(em,
                        "UPDATE delivery SET status = 'SENT', sent_at = now(), last_error = NULL WHERE id = ?1", "delivery")
                .setParameter(1, d.id()).executeUpdate());
        counter(d.channel(), "sent").increment();
    }

    private void failed(Delivery d, Exception e, boolean permanent) {
        // an SMTP refusal quotes the recipient (550 5.1.1 <wang@example.com>): kept and shown masked, as the address is
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : PersonalData.mask(e.getMessage());
        if (error.length() > 500) {
            error = error.substring(0, 500);
        }
        if (permanent || d.attempt() >= config.dispatch().maxAttempts()) {
            NativeWrites.statement(em, "UPDATE delivery SET status = 'FAILED', last_error = ?2 WHERE id = ?1", "delivery")
                    .setParameter(1, d.id()).setParameter(2, error).executeUpdate();
            counter(d.channel(), "failed").increment();
            LOG.errorf("delivery %s (%s) FAILED after %d attempts: %s", d.id(), d.channel(), d.attempt(), error);
        } else {
            NativeWrites.statement(em, "UPDATE delivery SET status = 'PENDING', last_error = ?2, next_attempt_at = ?3 WHERE id = ?1", "delivery")
                    .setParameter(1, d.id()).setParameter(2, error)
                    .setParameter(3, Instant.now().plus(backoff(d.attempt()))).executeUpdate();
            counter(d.channel(), "retried").increment();
        }
    }

    /**
     * How long a claimed batch is left to this dispatcher: the configured lease, and never less than the batch
     * takes at worst (each send's timeout plus its connection, one after another), so that another replica
     * cannot claim and send again what this one is still working through.
     */
    Duration lease() {
        Duration worstBatch = config.dispatch().sendTimeout().plusSeconds(5).multipliedBy(config.dispatch().batchSize()).plusSeconds(30);
        return worstBatch.compareTo(config.dispatch().claimLease()) > 0 ? worstBatch : config.dispatch().claimLease();
    }

    /** The pause after failed attempt {@code attempt}: initial × 2^(attempt-1), at most max-backoff. */
    Duration backoff(int attempt) {
        Duration pause = config.dispatch().initialBackoff();
        for (int i = 1; i < attempt && pause.compareTo(config.dispatch().maxBackoff()) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(config.dispatch().maxBackoff()) > 0 ? config.dispatch().maxBackoff() : pause;
    }

    static Instant instant(Object value) {
        return DispatcherTimes.instant(value);
    }
}
