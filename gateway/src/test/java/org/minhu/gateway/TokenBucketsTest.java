package org.minhu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token buckets' arithmetic, on a clock the test moves: no Quarkus, no sleeping. */
class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aBurstPassesThenTheNextIsToldHowManySecondsToWait() {
        TokenBuckets buckets = new TokenBuckets(2, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take("a")).as("request %d of the burst", i + 1).isZero();
        }
        // 2 tokens a second: the next one in half a second, rounded up to whole seconds for Retry-After
        assertThat(buckets.take("a")).isEqualTo(1);
        assertThat(buckets.take("a")).isEqualTo(1);
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
        TokenBuckets buckets = new TokenBuckets(2, 5, now::get);
        for (int i = 0; i < 5; i++) {
            buckets.take("a");
        }
        advance(500); // one token
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isPositive();
        advance(60_000); // far more than the burst's worth: still only 5
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take("a")).isZero();
        }
        assertThat(buckets.take("a")).isPositive();
    }

    @Test
    void aSlowRateGivesTheWaitInWholeSeconds() {
        TokenBuckets buckets = new TokenBuckets(0.1, 1, now::get);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isEqualTo(10);
        advance(4_000);
        assertThat(buckets.take("a")).isEqualTo(6);
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        TokenBuckets buckets = new TokenBuckets(1, 1, now::get);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isPositive();
        assertThat(buckets.take("b")).isZero();
    }

    @Test
    void refusedRequestsDoNotCostTokens() {
        TokenBuckets buckets = new TokenBuckets(1, 1, now::get);
        assertThat(buckets.take("a")).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(buckets.take("a")).isPositive();
        }
        advance(1_000);
        assertThat(buckets.take("a")).isZero();
    }

    @Test
    void onlyBucketsThatAreFullAgainAreForgotten() {
        TokenBuckets buckets = new TokenBuckets(1, 2, now::get);
        buckets.take("idle");
        buckets.take("busy");
        buckets.take("busy");
        advance(1_000); // idle is full again (1 + 1), busy holds one of two
        buckets.evictIdle();
        assertThat(buckets.size()).isEqualTo(1);
        // the one kept still has its state: one token, then a wait
        assertThat(buckets.take("busy")).isZero();
        assertThat(buckets.take("busy")).isPositive();
    }
}
