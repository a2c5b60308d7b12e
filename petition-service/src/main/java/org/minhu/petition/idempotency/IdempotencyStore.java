package org.minhu.petition.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minhu.petition.config.PetitionConfig;
import org.minhu.common.persistence.NativeWrites;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;

import io.quarkus.scheduler.Scheduled;

/**
 * Idempotency-Key as the IETF httpapi draft defines it, per caller:
 * <ul>
 * <li>first use: the key is claimed in the transaction that does the work, so the request costs
 * one commit, and the claim exists exactly when the work was committed;</li>
 * <li>same key, same request, completed: the original response is replayed;</li>
 * <li>same key while the first request is still in flight: the duplicate waits at its claim for the
 * first transaction (PostgreSQL holds a conflicting insert until the first commits or rolls back)
 * and then gets the first answer, replayed; if the first failed, the duplicate does the work
 * itself. This is the draft's allowed alternative to answering 409 at once;</li>
 * <li>same key, different request: 422.</li>
 * </ul>
 * The response is recorded in the same transaction as the work, so a committed request always
 * has its response stored. A request that dies leaves nothing: its transaction, claim included,
 * is rolled back. A claim left IN_FLIGHT by an earlier build, which committed claims on their own
 * (before the one-transaction claim), still expires after its lease and can then be taken over.
 */
@ApplicationScoped
public class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 255;

    /** What a claim found. {@code replay} is null when the caller now owns the key. */
    public record Claim(StoredResponse replay) {
        public boolean owned() {
            return replay == null;
        }
    }

    public record StoredResponse(int status, String body, String location) {
    }

    private final EntityManager em;
    private final PetitionConfig.Idempotency config;

    public IdempotencyStore(EntityManager em, PetitionConfig config) {
        this.em = em;
        this.config = config.idempotency();
    }

    public static void validateKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.invalidParameter(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
    }

    /**
     * Claims {@code key} for the current transaction, waiting for a concurrent transaction that holds
     * the same claim; or answers what the key's completed request answered.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Claim claim(String caller, String key, String fingerprint) {
        Instant now = Instant.now();
        int inserted = NativeWrites.statement(em, "INSERT INTO idempotency_key "
                        + "(caller, idempotency_key, fingerprint, state, created_at, lease_until) "
                        + "VALUES (?1, ?2, ?3, 'IN_FLIGHT', ?4, ?5) ON CONFLICT DO NOTHING", "idempotency_key")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint)
                .setParameter(4, Timestamp.from(now)).setParameter(5, Timestamp.from(now.plus(config.lease())))
                .executeUpdate();
        if (inserted == 1) {
            return new Claim(null);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT fingerprint, state, response_status, response_body, location, "
                        + "lease_until < now() FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2 FOR UPDATE")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            // purged between our insert attempt and this read: the client may simply retry
            throw inFlight();
        }
        Object[] row = rows.get(0);
        if (!fingerprint.equals(row[0])) {
            throw new ProblemException(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This " + HEADER + " was already used with a different request body"));
        }
        if ("COMPLETED".equals(row[1])) {
            return new Claim(new StoredResponse(((Number) row[2]).intValue(), (String) row[3], (String) row[4]));
        }
        if (Boolean.TRUE.equals(row[5])) {
            // a claim committed on its own by an earlier version, whose request died without an answer
            NativeWrites.statement(em, "UPDATE idempotency_key SET lease_until = ?3 WHERE caller = ?1 AND idempotency_key = ?2",
                            "idempotency_key")
                    .setParameter(1, caller).setParameter(2, key)
                    .setParameter(3, Timestamp.from(Instant.now().plus(config.lease()))).executeUpdate();
            return new Claim(null);
        }
        throw inFlight();
    }

    /** Records the response; must run in the transaction that does the work. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String caller, String key, StoredResponse response) {
        NativeWrites.statement(em, "UPDATE idempotency_key SET state = 'COMPLETED', response_status = ?3, "
                        + "response_body = ?4, location = ?5 WHERE caller = ?1 AND idempotency_key = ?2", "idempotency_key")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, response.status())
                .setParameter(4, response.body()).setParameter(5, response.location())
                .executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        NativeWrites.statement(em, "DELETE FROM idempotency_key WHERE created_at < ?1", "idempotency_key")
                .setParameter(1, Timestamp.from(Instant.now().minus(config.retention())))
                .executeUpdate();
    }

    private static ProblemException inFlight() {
        return new ProblemException(Problem.of(ProblemType.REQUEST_IN_PROGRESS,
                "A request with this " + HEADER + " is still being processed; retry after it completes"));
    }
}
