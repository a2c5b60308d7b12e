package org.minhu.feedback.rating;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;
import org.minhu.common.events.Topics;
import org.minhu.common.events.FeedbackEvents;
import org.minhu.common.outbox.Outbox;
import org.minhu.common.time.ChinaTime;
import org.minhu.feedback.config.FeedbackConfig;
import org.minhu.feedback.stats.Aggregates;
import org.minhu.feedback.stats.Counter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Closes rating windows that expired unrated: the round becomes NOT_RATED, which is counted on
 * its own and never as satisfied. One replica at a time (advisory lock); rows locked while closed.
 */
@ApplicationScoped
public class RatingExpiryJob {

    private static final Logger LOG = Logger.getLogger(RatingExpiryJob.class);
    private static final long LOCK = 0x6d696e6875L << 8 | 3;

    private final EntityManager em;
    private final Aggregates aggregates;
    private final Outbox outbox;
    private final int batch;

    public RatingExpiryJob(EntityManager em, Aggregates aggregates, Outbox outbox, FeedbackConfig config) {
        this.em = em;
        this.aggregates = aggregates;
        this.outbox = outbox;
        this.batch = config.expiryBatch();
    }

    @Scheduled(every = "${minhu.feedback.expiry-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int closed = closeExpired(Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (closed > 0) {
            LOG.infof("Rating windows closed unrated: %d", closed);
        }
    }

    /** Closes every window expired at {@code now}; returns how many. */
    public int closeExpired(Instant now) {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(() -> closeBatch(now));
            total += done;
        } while (done == batch);
        return total;
    }

    private int closeBatch(Instant now) {
        Boolean leader = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(leader)) {
            return 0;
        }
        List<AnswerRound> expired = AnswerRound.<AnswerRound>find("outcome = ?1 and windowClosesAt <= ?2 order by windowClosesAt",
                        AnswerRound.Outcome.OPEN, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, batch).list();
        for (AnswerRound r : expired) {
            r.outcome = AnswerRound.Outcome.NOT_RATED;
            r.closedAt = now;
            Map<Counter, Integer> counts = new EnumMap<>(Counter.class);
            counts.put(Counter.NOT_RATED, 1);
            counts.put(Counter.CLOSED_AFTER_RE_REVIEW, r.round >= 2 ? 1 : 0);
            aggregates.add(r.answeredAt, r.statsKey(), counts);
            outbox.append(Topics.FEEDBACK_EVENTS, FeedbackEvents.NOT_RATED, r.petitionId.toString(), now,
                    new FeedbackEvents.NotRated(r.petitionId, r.round, ChinaTime.of(r.windowClosesAt)));
        }
        return expired.size();
    }
}
