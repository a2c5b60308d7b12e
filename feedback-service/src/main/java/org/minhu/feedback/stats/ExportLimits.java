package org.minhu.feedback.stats;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemResponses;
import org.minhu.common.problem.ProblemType;
import org.minhu.feedback.metrics.FeedbackMetrics;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/**
 * How many records exports may stream at once, and how long a window one may span.
 *
 * <p>A slot is taken when the request is accepted and given back only when its stream has ended
 * and its connection is back in the export pool, so there are never more streams than
 * connections: an export beyond the cap is refused at once (429 with Retry-After) instead of
 * queueing on the pool while holding a worker thread. A semaphore and not a fault-tolerance
 * bulkhead, because the stream outlives the resource method: the slot must be held until the
 * last byte is written, long after the method has returned.
 */
@ApplicationScoped
public class ExportLimits {

    /** The export's own datasource ({@code quarkus.datasource."export".*}). */
    public static final String POOL = "export";

    private static final Logger LOG = Logger.getLogger(ExportLimits.class);

    private final Semaphore slots;
    private final int capacity;
    private final long retryAfterSeconds;
    private final int maxDays;
    private final ProblemResponses responses;
    private final FeedbackMetrics metrics;

    public ExportLimits(ExportConfig config, @DataSource(POOL) AgroalDataSource pool, ProblemResponses responses,
                        FeedbackMetrics metrics) {
        this.metrics = metrics;
        int poolSize = pool.getConfiguration().connectionPoolConfiguration().maxSize();
        int wanted = config.maxConcurrent().orElse(poolSize);
        if (wanted > poolSize) {
            // more streams than connections would make the extra ones wait for a connection: the very queue the cap avoids
            LOG.warnf("minhu.feedback.export.max-concurrent=%d is above the export pool's max-size %d; using %d",
                    wanted, poolSize, poolSize);
            wanted = poolSize;
        }
        if (wanted < 1) {
            throw new IllegalStateException("minhu.feedback.export.max-concurrent must be at least 1, not " + wanted);
        }
        this.capacity = wanted;
        this.slots = new Semaphore(wanted);
        this.retryAfterSeconds = Math.max(1, config.retryAfter().toSeconds());
        this.maxDays = config.maxDays();
        this.responses = responses;
    }

    /** Exports that may stream at the same time. */
    public int capacity() {
        return capacity;
    }

    /** 400 naming {@code from} (as {@link StatsFilter} does for its own, longer limit) when the window is too long. */
    public void checkWindow(StatsFilter filter) {
        long days = ChronoUnit.DAYS.between(filter.from(), filter.to()) + 1;
        if (days > maxDays) {
            throw ProblemException.invalidParameter("from", "an export may span at most " + maxDays + " days; "
                    + filter.from() + " to " + filter.to() + " spans " + days + ": export the period in parts");
        }
    }

    /** A slot, or empty when {@link #capacity()} exports are streaming. Never waits. */
    public Optional<Slot> tryAcquire() {
        return slots.tryAcquire() ? Optional.of(new Slot()) : Optional.empty();
    }

    /** The 429 answered when no slot is free. */
    public Response refusal(String path) {
        metrics.exportRejected();
        // the same type and title as the gateway's own rate-limit answer
        return responses.toResponse(Problem.of(ProblemType.TOO_MANY_REQUESTS,
                capacity + " exports are being streamed, the most this service runs at once; retry after "
                        + retryAfterSeconds + " s").withInstance(path), retryAfterSeconds);
    }

    /**
     * One accepted export. Given back exactly once: by the stream when it ends, or, if the
     * response ends without its body ever being written (the client left, a filter failed), by
     * the request's end handler.
     */
    public final class Slot {

        private static final int ACCEPTED = 0;
        private static final int STREAMING = 1;
        private static final int RELEASED = 2;

        private final AtomicInteger state = new AtomicInteger(ACCEPTED);

        private Slot() {
        }

        /** Claims the slot for the stream; false when the response already ended and the slot was given back. */
        public boolean begin() {
            return state.compareAndSet(ACCEPTED, STREAMING);
        }

        /** The stream is over and its connection closed. */
        public void end() {
            if (state.compareAndSet(STREAMING, RELEASED)) {
                slots.release();
            }
        }

        /** The response ended; gives the slot back unless the stream holds it (the stream then ends it). */
        public void abandonIfNotStarted() {
            if (state.compareAndSet(ACCEPTED, RELEASED)) {
                slots.release();
            }
        }
    }
}
