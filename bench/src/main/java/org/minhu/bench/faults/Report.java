package org.minhu.bench.faults;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One row per fault, printed as one table, and the details each row's notes hold below it. */
final class Report {

    /**
     * {@code reclaimed}: deliveries SENT after a lease ran out (some may have gone out twice: at
     * least once); {@code reclaimAllowance}: how many of those notification-service's deaths in the
     * phase explain (each death leaves at most one batch claimed); any beyond count as duplicated.
     */
    record Row(String id, String fault, int lives, int accepted, int cases, int answers, int rounds, int ratings, int lost,
               int duplicated, int failedIn, int failedOut, int gaveUp, String down, String recover, String settle,
               String caseLatency, int inbox, int deliveries, int reclaimed, int reclaimAllowance, List<String> notes) {
    }

    /** notification-service's {@code minhu.notification.dispatch.batch-size}: the most one dispatcher's death leaves claimed. */
    static final int DISPATCH_BATCH = 10;

    private static final String[] HEADER = {"#", "fault", "lives", "accepted", "cases", "answers", "rounds", "ratings", "inbox",
            "deliveries", "re-claimed/allowed", "lost", "dup", "5xx in", "5xx out", "gave up", "down s", "recover s", "settle s",
            "case p50/p99 s"};

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    /**
     * A second audit of phase {@code id} at the end of the run: what changed since its row was
     * counted (a loss repaired later, say by petition-service's reconciliation, or one that
     * appeared later) is noted, and the row's lost and duplicated become the later counts.
     */
    void reaudited(String id, Ledger.Audit later, double minutesLater) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.id().equals(id) && later.error() == null
                    && (later.lostTotal() != r.lost() || later.duplicatedTotal() + excess(later, r.reclaimAllowance()) != r.duplicated()
                    || later.cases() != r.cases() || later.notifications().inbox() != r.inbox())) {
                List<String> notes = new ArrayList<>(r.notes());
                int duplicated = later.duplicatedTotal() + excess(later, r.reclaimAllowance());
                notes.add(String.format(Locale.ROOT, "re-audited %.1f min later, at the end of the run: lost %d (was %d), duplicated %d (was %d), "
                                + "cases %d (was %d), inbox %d (was %d)%s%s", minutesLater, later.lostTotal(), r.lost(), duplicated,
                        r.duplicated(), later.cases(), r.cases(), later.notifications().inbox(), r.inbox(),
                        later.lost().isEmpty() ? "" : "; lost: " + describe(later.lost()),
                        later.duplicated().isEmpty() ? "" : "; duplicated: " + describe(later.duplicated())));
                Ledger.Notifications n = later.notifications();
                rows.set(i, new Row(r.id(), r.fault(), r.lives(), later.accepted(), later.cases(), later.answers(), later.rounds(),
                        later.ratings(), later.lostTotal(), duplicated, r.failedIn(), r.failedOut(), r.gaveUp(), r.down(),
                        r.recover(), r.settle(), r.caseLatency(), n.inbox(), n.deliveryCount(), n.reclaimedSent(), r.reclaimAllowance(),
                        notes));
            }
        }
    }

    int lost() {
        return rows.stream().mapToInt(Row::lost).sum();
    }

    /** Re-claimed deliveries beyond what the phase's deaths of notification-service explain. */
    private static int excess(Ledger.Audit audit, int allowance) {
        return Math.max(0, audit.notifications().reclaimedSent() - allowance);
    }

    /** Whether no phase had a delivery: no recipient turned an external channel on (the fault suite configures none). */
    boolean noDeliveries() {
        return rows.stream().allMatch(r -> r.deliveries() == 0);
    }

    int duplicated() {
        return rows.stream().mapToInt(Row::duplicated).sum();
    }

    /** Builds a row from what a phase recorded, what the clients saw and what the databases hold. */
    static Row row(Phase ph, List<Life> lives, Ledger.Audit audit, Settling.Result settled, Map<String, Integer> deadLetters) {
        List<String> notes = new ArrayList<>();
        if (audit.error() != null) {
            notes.add("AUDIT FAILED: " + audit.error());
        }
        if (!audit.lost().isEmpty()) {
            notes.add("lost: " + describe(audit.lost()));
        }
        if (!audit.duplicated().isEmpty()) {
            notes.add("duplicated: " + describe(audit.duplicated()));
        }
        Map<Integer, Integer> out = ph.failures(false);
        Map<Integer, Integer> in = ph.failures(true);
        if (!out.isEmpty()) {
            notes.add("5xx/no answer outside the kill window by status (-1: no answer): " + out);
            notes.add("  by endpoint (count, first-last end after the injection): " + ph.failuresOutsideByEndpoint());
        }
        if (!in.isEmpty()) {
            notes.add("5xx/no answer inside the kill window: " + in);
        }
        long seen201 = lives.stream().filter(Life::accepted).count();
        if (seen201 != audit.accepted()) {
            notes.add("clients saw " + seen201 + " x 201; the petition database holds " + audit.accepted() + " of this phase");
        }
        long submits = ph.attempts.stream().filter(a -> a.endpoint().equals("POST /petitions")).count();
        long replayed = lives.stream().filter(l -> l.replayed).count();
        if (submits > lives.size() || replayed > 0) {
            notes.add(String.format(Locale.ROOT, "%d filing attempts for %d lives; %d answered by an idempotent replay", submits,
                    lives.size(), replayed));
        }
        Map<String, Long> reasons = lives.stream().filter(l -> l.gaveUp != null)
                .collect(Collectors.groupingBy(l -> shorten(l.gaveUp), java.util.TreeMap::new, Collectors.counting()));
        if (!reasons.isEmpty()) {
            notes.add("clients gave up: " + reasons.entrySet().stream().limit(4).map(e -> e.getValue() + " x " + e.getKey())
                    .collect(Collectors.joining("; ")));
        }
        if (audit.staleStatus() > 0) {
            notes.add(audit.staleStatus() + " petitions rated last (no reopen) but not shown RATED to the citizen (status left behind)");
        }
        Ledger.Notifications n = audit.notifications();
        int allowance = ph.crashes(org.minhu.bench.Suite.NOTIFICATION) * DISPATCH_BATCH;
        int excess = excess(audit, allowance);
        if (n.deliveryCount() > 0 || n.reclaimedSent() > 0) {
            notes.add(String.format(Locale.ROOT, "deliveries: %s; SENT after a lease ran out (at least once: each may have gone out twice) %d, "
                    + "allowed %d (notification-service died %d times, at most one batch of %d claimed each)%s", n.deliveriesText(),
                    n.reclaimedSent(), allowance, ph.crashes(org.minhu.bench.Suite.NOTIFICATION), DISPATCH_BATCH,
                    excess > 0 ? "; " + excess + " beyond it counted as duplicated" : ""));
        }
        if (!deadLetters.isEmpty()) {
            notes.add("dead-lettered during the phase: " + describe(deadLetters));
        }
        if (!settled.settled()) {
            notes.add(String.format(Locale.ROOT, "NOT SETTLED within %.0f s: outbox backlog %d, consumer lag %d (-1: unreadable)",
                    settled.seconds(), settled.last().backlog(), settled.last().lag()));
        }
        if (settled.last() != null && settled.last().parked() > 0) {
            notes.add(settled.last().parked() + " case events parked in feedback-service waiting for their petition (all phases so far)");
        }
        notes.addAll(ph.notes());

        int failedIn = in.values().stream().mapToInt(Integer::intValue).sum();
        int failedOut = out.values().stream().mapToInt(Integer::intValue).sum();
        int gaveUp = (int) lives.stream().filter(l -> l.gaveUp != null).count();
        return new Row(ph.fault.id(), ph.fault.title(), lives.size(), audit.accepted(), audit.cases(), audit.answers(), audit.rounds(),
                audit.ratings(), audit.lostTotal(), audit.duplicatedTotal() + excess, failedIn, failedOut, gaveUp,
                ph.backAt < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ph.downSeconds()), recovery(ph),
                String.format(Locale.ROOT, settled.settled() ? "%.0f" : ">%.0f", settled.seconds()), caseLatency(lives), n.inbox(),
                n.deliveryCount(), n.reclaimedSent(), allowance, notes);
    }

    /** A wait for an event's effect (case, open round, reopen) longer than this was held up by the fault. */
    static final long SLOW_WAIT_NS = 5_000_000_000L;

    /**
     * From the injection until the component was back, the clients' requests stopped failing, and
     * the last wait held up by the fault (a case, an open round, a reopen taking over 5 s to show)
     * ended, whichever is latest; "-" with no injection, and "&gt;" when failures went on until the
     * last life ended (no recovery was seen).
     */
    static String recovery(Phase ph) {
        if (ph.injectedAt < 0) {
            return "-";
        }
        long lastFailure = ph.lastFailureEnd();
        long end = Math.max(ph.backAt, Math.max(lastFailure, ph.lastSlowWaitEnd(SLOW_WAIT_NS)));
        if (end < 0) {
            return "0";
        }
        double s = (end - ph.injectedAt) / 1e9;
        boolean ongoing = lastFailure > 0 && ph.livesDoneAt > 0 && lastFailure > ph.livesDoneAt - 2_000_000_000L;
        return String.format(Locale.ROOT, ongoing ? ">%.1f" : "%.1f", s);
    }

    /** p50/p99 of 201 → case found by the unit's polling (a poll every 2 s at most, so a coarse figure). */
    static String caseLatency(List<Life> lives) {
        double[] s = lives.stream().filter(l -> l.acceptedAt > 0 && l.caseSeenAt > 0)
                .mapToDouble(l -> (l.caseSeenAt - l.acceptedAt) / 1e9).sorted().toArray();
        return s.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f/%.1f", s[(s.length - 1) / 2],
                s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)]);
    }

    private static String describe(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static String shorten(String reason) {
        String r = reason.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
        return r.length() > 140 ? r.substring(0, 140) + "…" : r;
    }

    void print(PrintStream out) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row r : rows) {
            cells.add(new String[] {r.id(), r.fault(), n(r.lives()), n(r.accepted()), n(r.cases()), n(r.answers()), n(r.rounds()),
                    n(r.ratings()), n(r.inbox()), n(r.deliveries()), r.reclaimed() + "/" + r.reclaimAllowance(), n(r.lost()),
                    n(r.duplicated()), n(r.failedIn()), n(r.failedOut()), n(r.gaveUp()), r.down(), r.recover(), r.settle(),
                    r.caseLatency()});
        }
        int[] width = new int[HEADER.length];
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        for (int k = 0; k < cells.size(); k++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < HEADER.length; i++) {
                String v = cells.get(k)[i];
                line.append(' ').append(i == 1 ? pad(v, width[i]) : padLeft(v, width[i])).append(" |");
            }
            out.println(line);
            if (k == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int i = 0; i < HEADER.length; i++) {
                    rule.append(i == 1 ? ":" : "-").append("-".repeat(width[i])).append(i == 1 ? "-|" : ":|");
                }
                out.println(rule);
            }
        }
        out.println();
        for (Row r : rows) {
            for (String note : r.notes()) {
                out.println("  " + r.id() + ": " + note);
            }
        }
    }

    private static String n(int v) {
        return String.valueOf(v);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }
}
