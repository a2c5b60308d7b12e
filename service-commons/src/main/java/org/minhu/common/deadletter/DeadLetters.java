package org.minhu.common.deadletter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.minhu.common.outbox.Outbox;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.time.ChinaTime;
import org.minhu.common.persistence.NativeWrites;

/**
 * The messages this service's consumers gave up on: list, look at one, replay (publish it again,
 * unchanged, on the topic it came from, through the outbox, so the replay and its record commit
 * together) or discard with a reason. Consumers are idempotent by event id, so replaying a
 * message that was in fact applied changes nothing.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String COLUMNS = "id, topic, kafka_partition, kafka_offset, message_key, event_id, event_type, kind, "
            + "reason, attempts, first_failed_at, dead_lettered_at, status";

    @Schema(name = "DeadLetterStatus")
    public enum Status { OPEN, REPLAYED, DISCARDED }

    /** What selects dead letters; null fields select everything. */
    public record Filter(Status status, String topic, String kind, String eventType, String reasonContains) {
    }

    @Schema(name = "DeadLetterSummary")
    public record Summary(long id, String topic, int partition, long offset, String key, String eventId, String eventType,
                          String kind, String reason, int attempts, OffsetDateTime firstFailedAt,
                          OffsetDateTime deadLetteredAt, Status status) {
    }

    @Schema(name = "DeadLetterAction")
    public record Action(String action, String actor, String note, OffsetDateTime at) {
    }

    @Schema(name = "DeadLetterDetail")
    public record Detail(Summary summary, String payload, String exception, List<Action> actions) {
    }

    private final EntityManager em;
    private final Outbox outbox;

    public DeadLetters(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    @Transactional
    public List<Summary> list(Filter filter, Long afterId, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        if (afterId != null) {
            params.add(afterId);
            where += " AND id > ?" + params.size();
        }
        params.add(limit);
        var query = em.createNativeQuery("SELECT " + COLUMNS + " FROM dead_letter WHERE " + where + " ORDER BY id LIMIT ?" + params.size());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(DeadLetters::summary).toList();
    }

    @Transactional
    public long count(Status status) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM dead_letter WHERE status = ?1")
                .setParameter(1, status.name()).getSingleResult()).longValue();
    }

    @Transactional
    public Detail get(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + ", payload, exception FROM dead_letter WHERE id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "No dead letter " + id));
        }
        Object[] row = rows.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> actions = em.createNativeQuery(
                        "SELECT action, actor, note, acted_at FROM dead_letter_action WHERE dead_letter_id = ?1 ORDER BY id")
                .setParameter(1, id).getResultList();
        return new Detail(summary(row), (String) row[13], (String) row[14], actions.stream()
                .map(a -> new Action((String) a[0], (String) a[1], (String) a[2], time(a[3]))).toList());
    }

    /** Publishes the dead letter again on the topic it came from; only an open one. */
    @Transactional
    public Detail replay(long id, String actor) {
        Object[] row = lockOpen(id);
        outbox.appendExisting((String) row[0], (String) row[1], (String) row[2], (String) row[3]);
        resolve(id, Status.REPLAYED, actor, null);
        LOG.infof("Dead letter %d replayed onto %s by %s", id, row[0], actor);
        return get(id);
    }

    /** Replays every open dead letter that {@code filter} selects (at most {@code max}); returns how many. */
    @Transactional
    public int replayAll(Filter filter, String actor, int max) {
        Filter open = new Filter(Status.OPEN, filter.topic(), filter.kind(), filter.eventType(), filter.reasonContains());
        List<Object> params = new ArrayList<>();
        String where = where(open, params);
        params.add(max);
        var query = em.createNativeQuery("SELECT id FROM dead_letter WHERE " + where + " ORDER BY id LIMIT ?" + params.size()
                + " FOR UPDATE SKIP LOCKED");
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = query.getResultList();
        for (Number id : ids) {
            replay(id.longValue(), actor);
        }
        return ids.size();
    }

    /** Sets an open dead letter aside for good, with the reason. */
    @Transactional
    public Detail discard(long id, String actor, String reason) {
        lockOpen(id);
        resolve(id, Status.DISCARDED, actor, reason);
        LOG.infof("Dead letter %d discarded by %s: %s", id, actor, reason);
        return get(id);
    }

    private Object[] lockOpen(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT topic, event_type, message_key, payload, status FROM dead_letter WHERE id = ?1 FOR UPDATE")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "No dead letter " + id));
        }
        if (!Status.OPEN.name().equals(rows.get(0)[4])) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT,
                    "Dead letter " + id + " is " + rows.get(0)[4] + "; only an open one can be replayed or discarded"));
        }
        return rows.get(0);
    }

    private void resolve(long id, Status status, String actor, String note) {
        NativeWrites.statement(em, "UPDATE dead_letter SET status = ?2 WHERE id = ?1", "dead_letter")
                .setParameter(1, id).setParameter(2, status.name()).executeUpdate();
        NativeWrites.statement(em, "INSERT INTO dead_letter_action (dead_letter_id, action, actor, note) VALUES (?1, ?2, ?3, ?4)",
                "dead_letter_action")
                .setParameter(1, id).setParameter(2, status.name()).setParameter(3, actor).setParameter(4, note)
                .executeUpdate();
    }

    private static String where(Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder("TRUE");
        if (filter.status() != null) {
            params.add(filter.status().name());
            where.append(" AND status = ?").append(params.size());
        }
        if (filter.topic() != null) {
            params.add(filter.topic());
            where.append(" AND topic = ?").append(params.size());
        }
        if (filter.kind() != null) {
            params.add(filter.kind());
            where.append(" AND kind = ?").append(params.size());
        }
        if (filter.eventType() != null) {
            params.add(filter.eventType());
            where.append(" AND event_type = ?").append(params.size());
        }
        if (filter.reasonContains() != null) {
            params.add("%" + filter.reasonContains().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" AND reason ILIKE ?").append(params.size());
        }
        return where.toString();
    }

    private static Summary summary(Object[] r) {
        return new Summary(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).longValue(),
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], ((Number) r[9]).intValue(),
                time(r[10]), time(r[11]), Status.valueOf((String) r[12]));
    }

    private static OffsetDateTime time(Object value) {
        Instant instant;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (value instanceof java.sql.Timestamp t) {
            instant = t.toInstant();
        } else {
            return null;
        }
        return ChinaTime.of(instant);
    }
}
