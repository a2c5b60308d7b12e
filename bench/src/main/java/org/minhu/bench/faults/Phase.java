package org.minhu.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What one fault's run recorded: every HTTP attempt the clients made, the kill windows (while
 * the component the fault took away was gone), when the fault was injected and when the load
 * stopped, and notes for the report.
 */
final class Phase {

    /** One HTTP attempt by the clients: {@code status} -1 when no answer came (refused, reset, timed out). */
    record Attempt(String endpoint, long startNs, long endNs, int status) {
        boolean failed() {
            return status < 0 || status >= 500;
        }
    }

    final Fault fault;
    final String tag;
    final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    /** Each wait of a life for what another service does after an event (the case, the open round, the reopen): {start, end}. */
    final ConcurrentLinkedQueue<long[]> waits = new ConcurrentLinkedQueue<>();
    private final List<long[]> windows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long windowOpenedAt = -1;
    /** Each service's deaths during the phase (killed by the fault, or died and restarted by the supervisor). */
    private final Map<String, Integer> crashes = new TreeMap<>();
    volatile long startedAt;
    volatile long injectedAt = -1;
    /** When the component the fault took away was back (restarted and answering); -1 for faults that take nothing away. */
    volatile long backAt = -1;
    volatile long loadStoppedAt = -1;
    volatile long livesDoneAt = -1;

    Phase(Fault fault) {
        this.fault = fault;
        this.tag = "F" + fault.id();
        this.startedAt = System.nanoTime();
    }

    void record(String endpoint, long startNs, long endNs, int status) {
        attempts.add(new Attempt(endpoint, startNs, endNs, status));
    }

    /** The fault begins now (unless it already has). */
    synchronized void injected() {
        if (injectedAt < 0) {
            injectedAt = System.nanoTime();
        }
    }

    /** The component is gone from now on. */
    synchronized void windowOpens() {
        windowOpenedAt = System.nanoTime();
        if (injectedAt < 0) {
            injectedAt = windowOpenedAt;
        }
    }

    /** The component is back. */
    synchronized void windowCloses() {
        long now = System.nanoTime();
        windows.add(new long[] {windowOpenedAt, now});
        backAt = now;
    }

    /** A fault of no duration (a backend terminated): requests in flight at that moment were hit by it. */
    synchronized void instant(long fromNs, long toNs) {
        windows.add(new long[] {fromNs, toNs});
        if (injectedAt < 0) {
            injectedAt = fromNs;
        }
    }

    /** {@code service} died abruptly (SIGKILL, or a crash the supervisor saw). */
    synchronized void crashed(String service) {
        crashes.merge(service, 1, Integer::sum);
    }

    /** How often {@code service} died abruptly during the phase. */
    synchronized int crashes(String service) {
        return crashes.getOrDefault(service, 0);
    }

    synchronized void note(String text) {
        notes.add(text);
    }

    synchronized List<String> notes() {
        return new ArrayList<>(notes);
    }

    /** Whether the attempt overlapped a kill window (it was in flight, or sent, while the component was gone). */
    synchronized boolean inWindow(Attempt a) {
        for (long[] w : windows) {
            if (a.startNs() <= w[1] && a.endNs() >= w[0]) {
                return true;
            }
        }
        return false;
    }

    synchronized double downSeconds() {
        double total = 0;
        for (long[] w : windows) {
            total += (w[1] - w[0]) / 1e9;
        }
        return total;
    }

    /** Failed attempts (5xx or no answer) by status, inside or outside the kill windows. */
    Map<Integer, Integer> failures(boolean inside) {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Attempt a : attempts) {
            if (a.failed() && inWindow(a) == inside) {
                byStatus.merge(a.status(), 1, Integer::sum);
            }
        }
        return byStatus;
    }

    /**
     * Failed attempts outside the kill windows by endpoint and status, with the seconds after the
     * injection at which the first and the last of them ended: where and for how long the fault
     * outlived the component's return.
     */
    Map<String, String> failuresOutsideByEndpoint() {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, long[]> spans = new TreeMap<>();
        for (Attempt a : attempts) {
            if (a.failed() && !inWindow(a)) {
                String k = a.endpoint() + " " + a.status();
                counts.computeIfAbsent(k, x -> new int[1])[0]++;
                long[] span = spans.computeIfAbsent(k, x -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                span[0] = Math.min(span[0], a.endNs());
                span[1] = Math.max(span[1], a.endNs());
            }
        }
        long zero = injectedAt >= 0 ? injectedAt : startedAt;
        Map<String, String> out = new TreeMap<>();
        counts.forEach((k, n) -> out.put(k, String.format(java.util.Locale.ROOT, "%d (%.1f-%.1f s)", n[0],
                (spans.get(k)[0] - zero) / 1e9, (spans.get(k)[1] - zero) / 1e9)));
        return out;
    }

    /** End of the last failed attempt after the injection (nanoTime), or -1 when none failed. */
    long lastFailureEnd() {
        long last = -1;
        for (Attempt a : attempts) {
            if (a.failed() && injectedAt >= 0 && a.endNs() >= injectedAt) {
                last = Math.max(last, a.endNs());
            }
        }
        return last;
    }

    void waited(long startNs, long endNs) {
        waits.add(new long[] {startNs, endNs});
    }

    /** End of the last wait for an event's effect that took longer than {@code slowNs} (nanoTime), or -1. */
    long lastSlowWaitEnd(long slowNs) {
        long last = -1;
        for (long[] w : waits) {
            if (w[1] - w[0] > slowNs && injectedAt >= 0 && w[1] >= injectedAt) {
                last = Math.max(last, w[1]);
            }
        }
        return last;
    }

    /** Durations (s, sorted) of the attempts at endpoints starting with {@code prefix} that overlapped [from, to]. */
    double[] durationsDuring(String prefix, long from, long to) {
        return attempts.stream().filter(a -> a.endpoint().startsWith(prefix) && a.startNs() <= to && a.endNs() >= from)
                .mapToDouble(a -> (a.endNs() - a.startNs()) / 1e9).sorted().toArray();
    }

    /** Attempts at {@code endpoint} that overlapped [from, to]. */
    long attemptsDuring(String endpoint, long from, long to) {
        return attempts.stream().filter(a -> a.endpoint().equals(endpoint) && a.startNs() <= to && a.endNs() >= from).count();
    }
}
