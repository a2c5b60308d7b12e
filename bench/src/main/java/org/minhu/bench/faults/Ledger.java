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
 *       per answer: its round and outcome).</li>
 * </ul>
 *
 * Lost: a request the client was told was accepted with no row; an accepted request without a
 * case; an answer without a rating round; a rating the client was told was recorded that is not;
 * an answer the client was told was recorded that is not; a reopening rating the case never saw;
 * feedback-service never told of the petition; petition-service's timeline missing a step the
 * other services recorded. Duplicated: more than one petition for one Idempotency-Key, more than
 * one case per petition, more than one round per (petition, round) or more rounds than answers,
 * more reopens than reopening ratings, more timeline steps than facts.
 */
final class Ledger {

    /** Everything counted for one phase. */
    record Audit(int accepted, int cases, int answers, int rounds, int ratings, int timeline,
                 Map<String, Integer> lost, Map<String, Integer> duplicated, int staleStatus, String error) {

        int lostTotal() {
            return lost.values().stream().mapToInt(Integer::intValue).sum();
        }

        int duplicatedTotal() {
            return duplicated.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** What must stop changing before the phase counts as settled. */
        String fingerprint() {
            return accepted + "/" + cases + "/" + answers + "/" + rounds + "/" + ratings + "/" + timeline + "/" + lost + "/" + duplicated;
        }
    }

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
            return new Audit(0, 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, e.toString());
        }
    }

    private Audit count(String tag, List<Life> lives) throws SQLException {
        Map<UUID, String> markerOf = new HashMap<>();
        Map<UUID, String> petitionStatus = new HashMap<>();
        Map<UUID, Map<String, Integer>> timeline = new HashMap<>();
        Map<UUID, List<CaseRow>> cases = new HashMap<>();
        Map<UUID, Integer> answers = new HashMap<>();
        Set<UUID> refs = new HashSet<>();
        Map<UUID, List<RoundRow>> rounds = new HashMap<>();

        try (Connection c = servers.connect("petition")) {
            try (PreparedStatement q = c.prepareStatement("SELECT id, substring(title from 1 for position(']' in title)), status "
                    + "FROM petition WHERE title LIKE ?")) {
                q.setString(1, "[" + tag + "-%");
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        UUID id = (UUID) rs.getObject(1);
                        markerOf.put(id, rs.getString(2));
                        petitionStatus.put(id, rs.getString(3));
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
        try (Connection c = servers.connect("assignment");
             PreparedStatement q = c.prepareStatement("SELECT pc.petition_id, pc.id, pc.status, pc.reopen_count, "
                     + "(SELECT count(*) FROM case_history h WHERE h.case_id = pc.id AND h.action = 'answer') "
                     + "FROM petition_case pc WHERE pc.petition_id = ANY(?)")) {
            q.setArray(1, c.createArrayOf("uuid", markerOf.keySet().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID petition = (UUID) rs.getObject(1);
                    cases.computeIfAbsent(petition, k -> new ArrayList<>()).add(new CaseRow((UUID) rs.getObject(2), rs.getString(3), rs.getInt(4)));
                    answers.merge(petition, rs.getInt(5), Integer::sum);
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
        return new Audit(markerOf.size(), caseCount, answerCount, roundCount, ratingCount, timelineCount, lost, dup, stale, null);
    }

    private static void add(Map<String, Integer> counts, String what, int n) {
        if (n > 0) {
            counts.merge(what, n, Integer::sum);
        }
    }
}
