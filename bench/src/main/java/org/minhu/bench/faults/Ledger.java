package org.minhu.bench.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts a phase's requests from the services' own databases (read directly, over JDBC; the
 * tables are those of the Flyway migrations under each service's {@code db/migration}) and
 * compares them with each other and with what the clients were told.
 *
 * <ul>
 *   <li>petition: {@code petition} (found by the marker in its title), {@code petition_timeline}
 *       (what petition-service learnt from case and feedback events);</li>
 *   <li>assignment: {@code petition_case} (one per petition, {@code reopen_count}),
 *       {@code case_history} (each {@code answer});</li>
 *   <li>feedback: {@code petition_ref} (the submitted event arrived), {@code answer_round} (one
 *       per answer: its round and outcome);</li>
 *   <li>notification: {@code notification} (the inboxes: recipient, kind, petition), {@code delivery}
 *       (one per external channel a recipient turned on: status, attempts), {@code preference}.</li>
 * </ul>
 *
 * Lost: a request the client was told was accepted with no row; an accepted request without a
 * case; an answer without a rating round; a rating the client was told was recorded that is not;
 * an answer the client was told was recorded that is not; a reopening rating the case never saw;
 * feedback-service never told of the petition; petition-service's timeline missing a step the
 * other services recorded; a notification missing from an inbox: the petitioner's {@code ACCEPTED}
 * for every petition, and for each case history entry that published a case event the citizen's
 * {@code ASSIGNED} (dispatch, redispatch, insist, transfer), {@code ANSWERED}, {@code REOPENED},
 * {@code WITHDRAWN}, {@code REFUSED}, {@code HANDED_OFF} and the unit's {@code UNIT_NEW_CASE},
 * {@code UNIT_REOPENED}, {@code UNIT_REMINDED}, {@code UNIT_ESCALATED}; a notification without the
 * delivery its recipient's channel (turned on before it was made) asked for; a FAILED delivery.
 * Duplicated: more than one petition for one Idempotency-Key, more than one case per petition, more
 * than one round per (petition, round) or more rounds than answers, more reopens than reopening
 * ratings, more timeline steps than facts, more notifications of a kind than facts (or a citizen's
 * notification to someone else). Deliveries PENDING or HELD are legitimately waiting (back-off,
 * quiet hours); deliveries SENT after a second claim with no error are counted apart
 * ({@link Notifications#reclaimedSent()}): the report allows them up to what notification-service's
 * deaths in the phase explain.
 */
final class Ledger {

    /** Everything counted for one phase. */
    record Audit(int accepted, int cases, int answers, int rounds, int ratings, int timeline,
                 Map<String, Integer> lost, Map<String, Integer> duplicated, int staleStatus, Notifications notifications,
                 String error) {

        int lostTotal() {
            return lost.values().stream().mapToInt(Integer::intValue).sum();
        }

        int duplicatedTotal() {
            return duplicated.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** What must stop changing before the phase counts as settled. */
        String fingerprint() {
            return accepted + "/" + cases + "/" + answers + "/" + rounds + "/" + ratings + "/" + timeline + "/" + lost + "/" + duplicated
                    + "/" + notifications;
        }
    }

    /**
     * notification-service's side of a phase: the notifications made for its petitions (citizens'
     * and units' inboxes), their deliveries on the external channels by status, and the deliveries
     * that were marked SENT only after a second claim with no error recorded (the dispatcher's lease
     * ran out, which happens when the process died with the batch claimed: some of those may have
     * gone out twice, the documented at-least-once; without an SMTP server's own count the driver
     * cannot tell which).
     */
    record Notifications(int inbox, int citizen, int unit, Map<String, Integer> deliveries, int reclaimedSent) {
        static final Notifications NONE = new Notifications(0, 0, 0, Map.of(), 0);

        int deliveryCount() {
            return deliveries.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** "SENT 12, PENDING 3" or "0". */
        String deliveriesText() {
            return deliveries.isEmpty() ? "0" : deliveries.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** What case history entries each citizen and unit notification kind stands for (notification-service's EventRules). */
    private static final Map<String, List<String>> CITIZEN_KINDS = Map.of(
            "ASSIGNED", List.of("dispatch", "redispatch", "insist", "transfer"),
            "ANSWERED", List.of("answer"),
            "REOPENED", List.of("reopen"),
            "WITHDRAWN", List.of("withdraw"),
            "REFUSED", List.of("refuse"),
            "HANDED_OFF", List.of("hand-off"));
    private static final Map<String, List<String>> UNIT_KINDS = Map.of(
            "UNIT_NEW_CASE", List.of("dispatch", "redispatch", "insist", "transfer"),
            "UNIT_REOPENED", List.of("reopen"),
            "UNIT_REMINDED", List.of("remind"),
            "UNIT_ESCALATED", List.of("escalate"));

    private record CaseRow(UUID caseId, String status, int reopenCount) {
    }

    private record RoundRow(int round, String outcome, String satisfaction, String solved) {
        boolean rated() {
            return "RATED".equals(outcome);
        }

        boolean reopening() {
            return rated() && ("UNSATISFIED".equals(satisfaction) || "NOT_SOLVED".equals(solved));
        }
    }

    private final FaultServers servers;

    Ledger(FaultServers servers) {
        this.servers = servers;
    }

    /** Audits the petitions whose title carries {@code tag}'s marker, against {@code lives} (what the clients saw). */
    Audit audit(String tag, List<Life> lives) {
        try {
            return count(tag, lives);
        } catch (SQLException | RuntimeException e) {
            return new Audit(0, 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, Notifications.NONE, e.toString());
        }
    }

    private Audit count(String tag, List<Life> lives) throws SQLException {
        Map<UUID, String> markerOf = new HashMap<>();
        Map<UUID, String> petitionStatus = new HashMap<>();
        Map<UUID, String> petitioner = new HashMap<>();
        Map<UUID, Map<String, Integer>> actions = new HashMap<>();
        Set<UUID> republished = new HashSet<>();
        Map<UUID, Map<String, Integer>> timeline = new HashMap<>();
        Map<UUID, List<CaseRow>> cases = new HashMap<>();
        Map<UUID, Integer> answers = new HashMap<>();
        Set<UUID> refs = new HashSet<>();
        Map<UUID, List<RoundRow>> rounds = new HashMap<>();

        try (Connection c = servers.connect("petition")) {
            try (PreparedStatement q = c.prepareStatement("SELECT id, substring(title from 1 for position(']' in title)), status, "
                    + "petitioner_id FROM petition WHERE title LIKE ?")) {
                q.setString(1, "[" + tag + "-%");
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        UUID id = (UUID) rs.getObject(1);
                        markerOf.put(id, rs.getString(2));
                        petitionStatus.put(id, rs.getString(3));
                        petitioner.put(id, rs.getString(4));
                    }
                }
            }
            Array ids = c.createArrayOf("uuid", markerOf.keySet().toArray());
            try (PreparedStatement q = c.prepareStatement("SELECT petition_id, status, count(*) FROM petition_timeline "
                    + "WHERE petition_id = ANY(?) GROUP BY petition_id, status")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        timeline.computeIfAbsent((UUID) rs.getObject(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                    }
                }
            }
        }
        try (Connection c = servers.connect("assignment")) {
            Array ids = c.createArrayOf("uuid", markerOf.keySet().toArray());
            try (PreparedStatement q = c.prepareStatement("SELECT pc.petition_id, pc.id, pc.status, pc.reopen_count, "
                    + "(SELECT count(*) FROM case_history h WHERE h.case_id = pc.id AND h.action = 'answer'), "
                    + "pc.answer_republished_at IS NOT NULL FROM petition_case pc WHERE pc.petition_id = ANY(?)")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        UUID petition = (UUID) rs.getObject(1);
                        cases.computeIfAbsent(petition, k -> new ArrayList<>()).add(new CaseRow((UUID) rs.getObject(2), rs.getString(3), rs.getInt(4)));
                        answers.merge(petition, rs.getInt(5), Integer::sum);
                        if (rs.getBoolean(6)) {
                            republished.add(petition);
                        }
                    }
                }
            }
            // the history entries that each published a case event notification-service tells someone of
            try (PreparedStatement q = c.prepareStatement("SELECT pc.petition_id, h.action, count(*) FROM petition_case pc "
                    + "JOIN case_history h ON h.case_id = pc.id WHERE pc.petition_id = ANY(?) "
                    + "AND h.action IN ('dispatch', 'redispatch', 'insist', 'transfer', 'answer', 'reopen', 'withdraw', 'refuse', 'hand-off', "
                    + "'remind', 'escalate') "
                    + "GROUP BY pc.petition_id, h.action")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        actions.computeIfAbsent((UUID) rs.getObject(1), k -> new HashMap<>()).merge(rs.getString(2), rs.getInt(3), Integer::sum);
                    }
                }
            }
        }
        try (Connection c = servers.connect("feedback")) {
            Array ids = c.createArrayOf("uuid", markerOf.keySet().toArray());
            try (PreparedStatement q = c.prepareStatement("SELECT petition_id FROM petition_ref WHERE petition_id = ANY(?)")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        refs.add((UUID) rs.getObject(1));
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT petition_id, round, outcome, satisfaction, solved FROM answer_round "
                    + "WHERE petition_id = ANY(?)")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        rounds.computeIfAbsent((UUID) rs.getObject(1), k -> new ArrayList<>())
                                .add(new RoundRow(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
        }

        // notification-service: per petition, the notifications by kind to the petitioner and to units
        Map<UUID, Map<String, Integer>> toCitizen = new HashMap<>();
        Map<UUID, Map<String, Integer>> toUnits = new HashMap<>();
        int elsewhere = 0;
        Map<String, Integer> deliveries = new TreeMap<>();
        int reclaimedSent = 0;
        int undelivered = 0;
        try (Connection c = servers.connect("notification")) {
            Array ids = c.createArrayOf("uuid", markerOf.keySet().toArray());
            try (PreparedStatement q = c.prepareStatement("SELECT petition_id, recipient, kind, count(*) FROM notification "
                    + "WHERE petition_id = ANY(?) GROUP BY petition_id, recipient, kind")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        UUID p = (UUID) rs.getObject(1);
                        String recipient = rs.getString(2);
                        if (recipient.startsWith("unit:")) {
                            toUnits.computeIfAbsent(p, k -> new HashMap<>()).merge(rs.getString(3), rs.getInt(4), Integer::sum);
                        } else if (recipient.equals(petitioner.get(p))) {
                            toCitizen.computeIfAbsent(p, k -> new HashMap<>()).merge(rs.getString(3), rs.getInt(4), Integer::sum);
                        } else {
                            elsewhere += rs.getInt(4);
                        }
                    }
                }
            }
            // deliveries by channel and status; SENT after more than one claim with no error: re-claimed when a lease ran out
            try (PreparedStatement q = c.prepareStatement("SELECT d.channel, d.status, count(*), "
                    + "count(*) FILTER (WHERE d.status = 'SENT' AND d.attempts > 1 AND d.last_error IS NULL) "
                    + "FROM delivery d JOIN notification n ON n.id = d.notification_id WHERE n.petition_id = ANY(?) "
                    + "GROUP BY d.channel, d.status")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        deliveries.merge(rs.getString(1) + " " + rs.getString(2), rs.getInt(3), Integer::sum);
                        reclaimedSent += rs.getInt(4);
                    }
                }
            }
            // a notification to a recipient whose channel was on before it was made, without its delivery row
            try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM notification n JOIN preference p ON p.recipient = n.recipient "
                    + "WHERE n.petition_id = ANY(?) AND p.updated_at < n.created_at AND ("
                    + "(p.email_enabled AND p.email_address IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM delivery d WHERE d.notification_id = n.id AND d.channel = 'EMAIL')) OR "
                    + "(p.webhook_enabled AND p.webhook_url IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM delivery d WHERE d.notification_id = n.id AND d.channel = 'WEBHOOK')))")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    undelivered = rs.getInt(1);
                }
            }
        }

        Map<String, Integer> lost = new TreeMap<>();
        Map<String, Integer> dup = new TreeMap<>();
        int caseCount = 0;
        int answerCount = 0;
        int roundCount = 0;
        int ratingCount = 0;
        int timelineCount = 0;
        int stale = 0;

        // one petition per marker: the marker is one life, and a life files under one Idempotency-Key
        Map<String, Integer> perMarker = new HashMap<>();
        markerOf.values().forEach(m -> perMarker.merge(m, 1, Integer::sum));
        perMarker.values().forEach(n -> add(dup, "petition per key", n - 1));

        for (UUID p : markerOf.keySet()) {
            List<CaseRow> cs = cases.getOrDefault(p, List.of());
            List<RoundRow> rs = rounds.getOrDefault(p, List.of());
            Map<String, Integer> tl = timeline.getOrDefault(p, Map.of());
            int answered = answers.getOrDefault(p, 0);
            caseCount += cs.size();
            answerCount += answered;
            roundCount += rs.size();
            timelineCount += tl.values().stream().mapToInt(Integer::intValue).sum();
            add(lost, "no case", cs.isEmpty() ? 1 : 0);
            add(dup, "case per petition", cs.size() - 1);
            add(lost, "feedback never told of the petition", refs.contains(p) ? 0 : 1);

            Set<Integer> distinct = new HashSet<>();
            rs.forEach(r -> distinct.add(r.round()));
            add(dup, "round per (petition, round)", rs.size() - distinct.size());
            add(lost, "answer without rating round", answered - distinct.size());
            add(dup, "rounds beyond answers", distinct.size() - answered);

            long rated = rs.stream().filter(RoundRow::rated).count();
            long reopening = rs.stream().filter(RoundRow::reopening).count();
            ratingCount += (int) rated;
            int reopened = cs.stream().mapToInt(CaseRow::reopenCount).sum();
            add(lost, "reopening rating, case not reopened", (int) reopening - reopened);
            add(dup, "reopens beyond reopening ratings", reopened - (int) reopening);

            // petition-service's timeline: what it learnt of the case and the ratings
            add(lost, "timeline missed assigned", !cs.isEmpty() && tl.getOrDefault("ASSIGNED", 0) == 0 ? 1 : 0);
            add(lost, "timeline missed answered", answered - tl.getOrDefault("ANSWERED", 0));
            add(dup, "timeline answered beyond answers", tl.getOrDefault("ANSWERED", 0) - answered);
            add(lost, "timeline missed rating", (int) rated - tl.getOrDefault("RATED", 0));
            add(dup, "timeline ratings beyond ratings", tl.getOrDefault("RATED", 0) - (int) rated);
            add(lost, "timeline missed reopen", reopened - tl.getOrDefault("REOPENED", 0));

            // notification-service: each fact the citizen and the unit are told of, in their inbox exactly once
            Map<String, Integer> facts = actions.getOrDefault(p, Map.of());
            Map<String, Integer> citizen = toCitizen.getOrDefault(p, Map.of());
            add(lost, "inbox missed ACCEPTED", 1 - citizen.getOrDefault("ACCEPTED", 0));
            add(dup, "inbox ACCEPTED more than once", citizen.getOrDefault("ACCEPTED", 0) - 1);
            for (var k : CITIZEN_KINDS.entrySet()) {
                int expected = k.getValue().stream().mapToInt(a -> facts.getOrDefault(a, 0)).sum();
                int seen = citizen.getOrDefault(k.getKey(), 0);
                add(lost, "inbox missed " + k.getKey(), expected - seen);
                // a case's answer published again for a round feedback-service never opened has an event id of its own
                add(dup, "inbox " + k.getKey() + " beyond facts" + ("ANSWERED".equals(k.getKey()) && republished.contains(p)
                        ? " (answer republished)" : ""), seen - expected);
            }
            Map<String, Integer> unit = toUnits.getOrDefault(p, Map.of());
            for (var k : UNIT_KINDS.entrySet()) {
                int expected = k.getValue().stream().mapToInt(a -> facts.getOrDefault(a, 0)).sum();
                int seen = unit.getOrDefault(k.getKey(), 0);
                add(lost, "unit inbox missed " + k.getKey(), expected - seen);
                add(dup, "unit inbox " + k.getKey() + " beyond facts", seen - expected);
            }

            // the status the citizen sees after a last rating that did not reopen the case
            RoundRow last = rs.stream().max(java.util.Comparator.comparingInt(RoundRow::round)).orElse(null);
            if (last != null && last.rated() && !last.reopening() && last.round() == answered && !"RATED".equals(petitionStatus.get(p))) {
                stale++;
            }
        }

        // what the clients were told, against the rows
        Map<UUID, List<RoundRow>> roundsById = rounds;
        for (Life l : lives) {
            if (!l.accepted()) {
                continue;
            }
            UUID id;
            try {
                id = UUID.fromString(l.petitionId);
            } catch (IllegalArgumentException e) {
                add(lost, "201 without a readable id", 1);
                continue;
            }
            if (!markerOf.containsKey(id)) {
                add(lost, "201 but no petition row", 1);
                continue;
            }
            add(lost, "200 answer not recorded", l.answers - answers.getOrDefault(id, 0));
            for (int round : l.ratedRounds) {
                boolean recorded = roundsById.getOrDefault(id, List.of()).stream().anyMatch(r -> r.round() == round && r.rated());
                add(lost, "201 rating not recorded", recorded ? 0 : 1);
            }
        }
        add(dup, "notification to neither the petitioner nor a unit", elsewhere);
        add(lost, "notification without the delivery its recipient's channel asked for", undelivered);
        deliveries.forEach((k, n) -> add(lost, "delivery " + k, k.endsWith(" FAILED") ? n : 0));
        int citizenTotal = toCitizen.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        int unitTotal = toUnits.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        return new Audit(markerOf.size(), caseCount, answerCount, roundCount, ratingCount, timelineCount, lost, dup, stale,
                new Notifications(citizenTotal + unitTotal + elsewhere, citizenTotal, unitTotal, deliveries, reclaimedSent), null);
    }

    private static void add(Map<String, Integer> counts, String what, int n) {
        if (n > 0) {
            counts.merge(what, n, Integer::sum);
        }
    }
}
