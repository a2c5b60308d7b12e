package org.minhu.assignment.cases;

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
import org.minhu.assignment.config.AssignmentConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Finds answers that fell through and repairs them: a case ANSWERED for some time whose answer
 * has no rating round in feedback-service (no {@code feedback.round-opened} event came back for
 * it) has its {@code case.answered} event published again, as it was. feedback-service opens one
 * round per answer and confirms an answer it already has, so an answer whose news is only late
 * changes nothing. (A petition feedback-service never saw is published again by petition-service's
 * reconciliation; the answer waits for it there.) Replicas share the work row by row (SKIP
 * LOCKED); an answer still in the outbox (Kafka away) is late, not lost, and is left alone. What
 * it found is logged and shown in the readiness details (it never makes the service unready).
 */
@ApplicationScoped
public class AnswerReconciliation {

    private static final Logger LOG = Logger.getLogger(AnswerReconciliation.class);

    private final EntityManager em;
    private final CaseService cases;
    private final Duration after;
    private final int batch;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong republished = new AtomicLong();
    private volatile Instant lastRun;

    public AnswerReconciliation(EntityManager em, CaseService cases, AssignmentConfig config) {
        this.em = em;
        this.cases = cases;
        this.after = config.reconcile().after();
        this.batch = config.reconcile().batch();
    }

    @Scheduled(every = "${minhu.assignment.reconcile.interval:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass; returns how many answers were published again. */
    public int run() {
        int n = QuarkusTransaction.requiringNew().call(() -> {
            Instant cutoff = Instant.now().minus(after);
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("SELECT c.id FROM petition_case c WHERE c.status = 'ANSWERED' "
                            + "AND c.answered_at < ?1 AND c.rating_round_opened < c.reopen_count + 1 "
                            + "AND (c.answer_republished_at IS NULL OR c.answer_republished_at < ?1) "
                            + "AND NOT EXISTS (SELECT 1 FROM outbox_event o "
                            + "WHERE o.message_key = c.petition_id::text AND o.published_at IS NULL) "
                            + "ORDER BY c.answered_at LIMIT ?2 FOR UPDATE OF c SKIP LOCKED", UUID.class)
                    .setParameter(1, cutoff).setParameter(2, batch).getResultList();
            for (UUID id : ids) {
                cases.republishAnswer(PetitionCase.findById(id));
            }
            return ids.size();
        });
        runs.incrementAndGet();
        lastRun = Instant.now();
        if (n > 0) {
            republished.addAndGet(n);
            LOG.warnf("Reconciliation: %d answer(s) without a rating round after %s; their answered event was published again",
                    n, after);
        }
        return n;
    }

    HealthCheckResponse report() {
        return HealthCheckResponse.named("Reconciliation (informational)").up()
                .withData("waitingForRatingRoundAfter", after.toString())
                .withData("runs", runs.get())
                .withData("republishedWithoutRatingRound", republished.get())
                .withData("lastRun", lastRun == null ? "never" : lastRun.toString())
                .build();
    }

    /** Shows the reconciliation's counts in {@code /q/health/ready}; always UP. */
    @Readiness
    @ApplicationScoped
    static class Report implements HealthCheck {
        private final AnswerReconciliation reconciliation;

        Report(AnswerReconciliation reconciliation) {
            this.reconciliation = reconciliation;
        }

        @Override
        public HealthCheckResponse call() {
            return reconciliation.report();
        }
    }
}
