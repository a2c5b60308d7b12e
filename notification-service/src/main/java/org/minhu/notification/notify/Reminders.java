package org.minhu.notification.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.minhu.common.persistence.NativeWrites;
import org.minhu.notification.config.NotificationConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The reminders no event announces: a rating window closing within {@code rating-closing-before}
 * (the citizen, once per round, unless they rated), and a sign deadline within
 * {@code sign-deadline-before} of a case not yet signed (the unit, once per deadline). Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED} and marked in the same transaction as the notification,
 * whose source id is derived from the round or deadline: each is told once, with any number of replicas.
 */
@ApplicationScoped
public class Reminders {

    private static final int BATCH = 100;

    private final EntityManager em;
    private final Notifier notifier;
    private final NotificationConfig config;

    public Reminders(EntityManager em, Notifier notifier, NotificationConfig config) {
        this.em = em;
        this.notifier = notifier;
        this.config = config;
    }

    @Scheduled(every = "${minhu.notification.reminders.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "notification-reminders")
    void run() {
        while (QuarkusTransaction.requiringNew().call(this::ratingWindows) == BATCH) {
            // more due
        }
        while (QuarkusTransaction.requiringNew().call(this::signDeadlines) == BATCH) {
            // more due
        }
    }

    @SuppressWarnings("unchecked")
    int ratingWindows() {
        Instant now = Instant.now();
        List<Object[]> due = em.createNativeQuery("SELECT w.petition_id, w.round, w.case_id, w.closes_at FROM rating_window w "
                        + "WHERE w.reminded_at IS NULL AND w.closes_at > ?1 AND w.closes_at <= ?2 "
                        + "ORDER BY w.closes_at LIMIT ?3 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now).setParameter(2, now.plus(config.reminders().ratingClosingBefore()))
                .setParameter(3, BATCH).getResultList();
        for (Object[] r : due) {
            UUID petitionId = (UUID) r[0];
            int round = ((Number) r[1]).intValue();
            PetitionRef ref = em.find(PetitionRef.class, petitionId);
            if (ref != null) {
                Map<String, Object> v = EventRules.base(ref);
                v.put("closesAt", EventRules.format(org.minhu.notification.channel.DispatcherTimes.instant(r[3])));
                notifier.notify(source("rating-closing:" + petitionId + ":" + round), ref.petitionerId, Kind.RATING_CLOSING,
                        petitionId, (UUID) r[2], v, ref.urgent());
            }
            NativeWrites.statement(em, "UPDATE rating_window SET reminded_at = now() WHERE petition_id = ?1 AND round = ?2", "rating_window")
                    .setParameter(1, petitionId).setParameter(2, round).executeUpdate();
        }
        return due.size();
    }

    @SuppressWarnings("unchecked")
    int signDeadlines() {
        Instant now = Instant.now();
        List<Object[]> due = em.createNativeQuery("SELECT s.case_id, s.unit_id, s.petition_id, s.deadline, s.unit_name_zh, s.unit_name_en "
                        + "FROM sign_deadline s WHERE NOT s.done AND s.reminded_at IS NULL AND s.deadline > ?1 AND s.deadline <= ?2 "
                        + "ORDER BY s.deadline LIMIT ?3 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now).setParameter(2, now.plus(config.reminders().signDeadlineBefore()))
                .setParameter(3, BATCH).getResultList();
        for (Object[] r : due) {
            UUID caseId = (UUID) r[0];
            String unitId = (String) r[1];
            UUID petitionId = (UUID) r[2];
            Instant deadline = org.minhu.notification.channel.DispatcherTimes.instant(r[3]);
            PetitionRef ref = em.find(PetitionRef.class, petitionId);
            if (ref != null) {
                Map<String, Object> v = EventRules.base(ref);
                v.put("unitNameZh", r[4] == null ? unitId : r[4]);
                v.put("unitNameEn", r[5] == null ? unitId : r[5]);
                v.put("signDeadline", EventRules.format(deadline));
                notifier.notify(source("sign-deadline:" + caseId + ":" + unitId + ":" + deadline), Kind.unit(unitId),
                        Kind.UNIT_SIGN_DEADLINE, petitionId, caseId, v, ref.urgent());
            }
            NativeWrites.statement(em, "UPDATE sign_deadline SET reminded_at = now() WHERE case_id = ?1 AND unit_id = ?2 AND deadline = ?3",
                            "sign_deadline")
                    .setParameter(1, caseId).setParameter(2, unitId).setParameter(3, deadline).executeUpdate();
        }
        return due.size();
    }

    /** The source id of a reminder: the same round or deadline always gives the same id. */
    static UUID source(String what) {
        return UUID.nameUUIDFromBytes(what.getBytes(StandardCharsets.UTF_8));
    }
}
