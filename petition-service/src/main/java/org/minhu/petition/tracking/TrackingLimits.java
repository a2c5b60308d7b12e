package org.minhu.petition.tracking;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.minhu.petition.config.PetitionConfig;

/**
 * The limits of the lookup without signing in, per replica: a tracking number whose phone digits were
 * given wrongly {@code failures-per-number} times (or that does not exist) answers 429 until its window
 * ends, so four digits cannot be guessed (10,000 possibilities, five tries per quarter of an hour); a
 * client address gets {@code lookups-per-address} lookups per window, right or wrong, so numbers cannot
 * be swept. Each window starts at its first count (a fixed window, forgotten when it ends). A number
 * that does not exist is counted like a wrong guess, so the limits never tell the two apart.
 */
@ApplicationScoped
public class TrackingLimits {

    private final int failuresPerNumber;
    private final int lookupsPerAddress;
    private final long windowSeconds;
    private final Cache<String, AtomicInteger> failures;
    private final Cache<String, AtomicInteger> lookups;

    public TrackingLimits(PetitionConfig config) {
        PetitionConfig.Tracking tracking = config.tracking();
        this.failuresPerNumber = tracking.failuresPerNumber();
        this.lookupsPerAddress = tracking.lookupsPerAddress();
        this.windowSeconds = Math.max(1, tracking.window().toSeconds());
        // bounded: a sweep of made-up numbers or addresses evicts the oldest counts, it cannot fill the heap
        this.failures = Caffeine.newBuilder().expireAfterWrite(tracking.window()).maximumSize(200_000).build();
        this.lookups = Caffeine.newBuilder().expireAfterWrite(tracking.window()).maximumSize(200_000).build();
    }

    /** Counts one lookup from {@code address}; false when the address has used its lookups for this window. */
    public boolean admitAddress(String address) {
        return lookups.get(address, k -> new AtomicInteger()).incrementAndGet() <= lookupsPerAddress;
    }

    /** Whether {@code trackingNumber} has had its wrong guesses for this window. */
    public boolean locked(String trackingNumber) {
        AtomicInteger count = failures.getIfPresent(trackingNumber);
        return count != null && count.get() >= failuresPerNumber;
    }

    /** Counts a lookup of {@code trackingNumber} that found nothing (wrong digits or no such number). */
    public void failed(String trackingNumber) {
        failures.get(trackingNumber, k -> new AtomicInteger()).incrementAndGet();
    }

    /** What a 429 announces in Retry-After: the window (a count is forgotten at the latest then). */
    public long retryAfterSeconds() {
        return windowSeconds;
    }
}
