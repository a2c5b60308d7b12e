package org.minhu.bench.faults;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.minhu.bench.Traffic;

/**
 * What the clients saw of one request's life: filed (201) under its Idempotency-Key, its case
 * found, signed, answered, rated (and, when the rating reopens it, answered and rated again).
 * The audit compares this with what the services' databases hold.
 */
final class Life {

    final String tag;
    final int seq;
    final Traffic.Request request;
    final String idempotencyKey;
    /** The rating it draws for its first answer: one that reopens the case (UNSATISFIED / NOT_SOLVED) or not. */
    final boolean reopens;

    volatile String petitionId;
    volatile long acceptedAt = -1;
    volatile long caseSeenAt = -1;
    volatile String caseId;
    volatile String leadUnit;
    /** Answers the clients saw accepted (200, or a 409 showing an earlier attempt had landed). */
    volatile int answers;
    /** Rounds whose rating the clients saw recorded (201, or a 409 showing the round rated). */
    final Set<Integer> ratedRounds = ConcurrentHashMap.newKeySet();
    volatile int submitAttempts;
    volatile boolean replayed;
    /** Where and why the client gave up; null when the life went through. */
    volatile String gaveUp;
    volatile boolean finished;

    Life(String tag, int seq, Traffic.Request request, String idempotencyKey, boolean reopens) {
        this.tag = tag;
        this.seq = seq;
        this.request = request;
        this.idempotencyKey = idempotencyKey;
        this.reopens = reopens;
    }

    /** The marker in the petition's title by which the audit finds it: {@code [F1a-00042]}. */
    String marker() {
        return marker(tag, seq);
    }

    static String marker(String tag, int seq) {
        return String.format(java.util.Locale.ROOT, "[%s-%05d]", tag, seq);
    }

    boolean accepted() {
        return petitionId != null;
    }
}
