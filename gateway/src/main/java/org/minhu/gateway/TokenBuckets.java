package org.minhu.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (an identity or a client address): {@code perSecond} tokens a second, at
 * most {@code burst} saved. Idle buckets are dropped so the map does not grow without bound.
 */
final class TokenBuckets {

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final double perSecond;
    private final int burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** Nanoseconds, monotonic: {@link System#nanoTime()}, or a test's clock. */
    private final LongSupplier clock;

    TokenBuckets(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    TokenBuckets(double perSecond, int burst, LongSupplier clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** How many buckets are held (for tests: idle ones are dropped by {@link #evictIdle()}). */
    int size() {
        return buckets.size();
    }

    /** 0 when a request may pass now (and takes a token); otherwise the seconds to wait. */
    long take(String key) {
        long now = clock.getAsLong();
        Bucket b = buckets.computeIfAbsent(key, k -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.refilledAt = now;
            return fresh;
        });
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.refilledAt) / 1e9 * perSecond);
            b.refilledAt = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }

    /** Forgets buckets full again (idle long enough); called periodically. */
    void evictIdle() {
        long now = clock.getAsLong();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().refilledAt) / 1e9 * perSecond >= burst;
            }
        });
    }
}
