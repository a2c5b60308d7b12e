package org.minhu.petition.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.minhu.common.outbox.Outbox;
import org.minhu.petition.catalogue.Catalogue;
import org.minhu.petition.config.PetitionConfig;
import org.minhu.common.events.Topics;
import org.minhu.petition.petition.Petition;
import org.minhu.petition.petition.PetitionMapper;
import org.minhu.common.events.PetitionEvents;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.minhu.common.persistence.NativeWrites;

/**
 * Finds what fell through anyway and repairs it, by publishing a petition's
 * {@code petition.submitted} event again:
 * <ul>
 * <li>a petition still SUBMITTED (no case event came back) some time after its event left the
 * outbox: assignment-service may never have seen it;</li>
 * <li>a petition ANSWERED for some time whose answer has no rating round (no
 * {@code feedback.round-opened} event for it): feedback-service may never have seen the petition,
 * and keeps the answer parked until it does. (An answer feedback-service itself missed is
 * published again by assignment-service's reconciliation.)</li>
 * </ul>
 * Dispatch and feedback-service's intake are idempotent by petition, so a petition whose news is
 * only late changes nothing. Replicas share the work row by row (SKIP LOCKED). What it found and
 * repaired is logged and shown in the readiness details (it never makes the service unready).
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final EntityManager em;
    private final Outbox outbox;
    private final Catalogue catalogue;
    private final PetitionMapper mapper;
    private final Duration after;
    private final int batch;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong withoutCase = new AtomicLong();
    private final AtomicLong withoutRound = new AtomicLong();
    private volatile Instant lastRun;

    public Reconciliation(EntityManager em, Outbox outbox, Catalogue catalogue, PetitionMapper mapper,
                          PetitionConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.after = config.reconcile().after();
        this.batch = config.reconcile().batch();
    }

    @Scheduled(every = "${minhu.petition.reconcile.interval:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass; returns how many petitions had their event published again. */
    public int run() {
        // waiting since before the cutoff, not republished since, and whose event is not still in the
        // outbox (while Kafka is away the event is late, not lost)
        int noCase = republish("p.status = 'SUBMITTED' AND p.submitted_at < ?1", "p.submitted_at");
        int noRound = republish("p.status = 'ANSWERED' AND p.answered_at < ?1 "
                + "AND (p.rating_answer_at IS NULL OR p.rating_answer_at < p.answered_at)", "p.answered_at");
        runs.incrementAndGet();
        lastRun = Instant.now();
        if (noCase > 0) {
            withoutCase.addAndGet(noCase);
            LOG.warnf("Reconciliation: %d petition(s) without a case after %s; their submitted event was published again", noCase, after);
        }
        if (noRound > 0) {
            withoutRound.addAndGet(noRound);
            LOG.warnf("Reconciliation: %d answered petition(s) without a rating round after %s; their submitted event was published again",
                    noRound, after);
        }
        return noCase + noRound;
    }

    private int republish(String waiting, String order) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant cutoff = Instant.now().minus(after);
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("SELECT p.id FROM petition p WHERE " + waiting
                            + " AND (p.republished_at IS NULL OR p.republished_at < ?1) "
                            + "AND NOT EXISTS (SELECT 1 FROM outbox_event o WHERE o.message_key = p.id::text AND o.published_at IS NULL) "
                            + "ORDER BY " + order + " LIMIT ?2 FOR UPDATE OF p SKIP LOCKED", UUID.class)
                    .setParameter(1, cutoff).setParameter(2, batch).getResultList();
            for (UUID id : ids) {
                Petition p = Petition.findById(id);
                PetitionEvents.Submitted event = mapper.toSubmittedEvent(p, catalogue.category(p.categoryCode).orElseThrow());
                outbox.append(Topics.PETITION_EVENTS, PetitionEvents.SUBMITTED, p.id.toString(), p.submittedAt, event);
                NativeWrites.statement(em, "UPDATE petition SET republished_at = now() WHERE id = ?1", "petition").setParameter(1, id).executeUpdate();
            }
            return ids.size();
        });
    }

    /** What the passes of this instance found and repaired, for the readiness details. */
    HealthCheckResponse report() {
        return HealthCheckResponse.named("Reconciliation (informational)").up()
                .withData("waitingAfter", after.toString())
                .withData("runs", runs.get())
                .withData("republishedWithoutCase", withoutCase.get())
                .withData("republishedWithoutRatingRound", withoutRound.get())
                .withData("republished", withoutCase.get() + withoutRound.get())
                .withData("lastRun", lastRun == null ? "never" : lastRun.toString())
                .build();
    }

    /** Shows the reconciliation's counts in {@code /q/health/ready}; always UP. */
    @Readiness
    @ApplicationScoped
    static class Report implements HealthCheck {
        private final Reconciliation reconciliation;

        Report(Reconciliation reconciliation) {
            this.reconciliation = reconciliation;
        }

        @Override
        public HealthCheckResponse call() {
            return reconciliation.report();
        }
    }
}
