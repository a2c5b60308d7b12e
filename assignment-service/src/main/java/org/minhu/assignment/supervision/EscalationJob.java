package org.minhu.assignment.supervision;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;
import org.minhu.assignment.cases.CaseService;
import org.minhu.assignment.cases.CaseStatus;
import org.minhu.assignment.cases.PetitionCase;
import org.minhu.assignment.config.AssignmentConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * 催办 and 督办: reminds the lead unit once when an answer deadline is near, and escalates a
 * case once to the supervising unit when its deadline has passed. What was done is stored on
 * the case (reminded_at, escalated_at), so a restart does not repeat it; a PostgreSQL advisory
 * lock lets one replica run at a time, and rows are locked while handled.
 */
@ApplicationScoped
public class EscalationJob {

    private static final Logger LOG = Logger.getLogger(EscalationJob.class);
    private static final long LOCK = 0x6d696e6875L << 8 | 2;
    private static final int BATCH = 200;

    private final EntityManager em;
    private final CaseService cases;
    private final Duration remindBefore;

    public EscalationJob(EntityManager em, CaseService cases, AssignmentConfig config) {
        this.em = em;
        this.cases = cases;
        this.remindBefore = config.remindBefore();
    }

    @Scheduled(every = "${minhu.assignment.escalation-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int done = runOnce(Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (done > 0) {
            LOG.infof("Supervision: %d reminders and escalations", done);
        }
    }

    /** One pass at time {@code now}; returns how many reminders and escalations it made. */
    public int runOnce(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean leader = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(leader)) {
                return 0;
            }
            List<PetitionCase> overdue = PetitionCase.<PetitionCase>find(
                            "status in ?1 and escalatedAt is null and answerDeadline < ?2 order by answerDeadline",
                            List.of(CaseStatus.ASSIGNED, CaseStatus.SIGNED, CaseStatus.REOPENED), now)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, BATCH).list();
            overdue.forEach(c -> cases.escalate(c, now));
            List<PetitionCase> near = PetitionCase.<PetitionCase>find(
                            "status in ?1 and remindedAt is null and escalatedAt is null and answerDeadline >= ?2 "
                                    + "and answerDeadline < ?3 order by answerDeadline",
                            List.of(CaseStatus.ASSIGNED, CaseStatus.SIGNED, CaseStatus.REOPENED), now, now.plus(remindBefore))
                    .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, BATCH).list();
            near.forEach(c -> cases.remind(c, now));
            return overdue.size() + near.size();
        });
    }
}
