package org.minhu.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.minhu.bench.Suite;

/** One fault of the suite: its row id (1a, 2b, ...), what it does, and what it acts on. */
record Fault(String id, Kind kind, String target, String title) {

    enum Kind {
        NONE, KILL_SERVICE, BROKER_STOP, BROKER_KILL, POSTGRES_KILL, TERMINATE_BACKENDS, EXPORT_STORM, OVERSIZED_BODIES,
        CLUSTER_NODE_KILL
    }

    /** Whether the fault needs the three-node Kafka cluster (the run then uses it for every phase). */
    boolean needsCluster() {
        return kind == Kind.CLUSTER_NODE_KILL;
    }

    /** Whether the fault acts on the single broker (it has no meaning on the cluster). */
    boolean needsSingleBroker() {
        return kind == Kind.BROKER_STOP || kind == Kind.BROKER_KILL;
    }

    /** Every fault, in the order the suite runs them; {@code terminateDb}: the database fault 4 acts on. */
    static List<Fault> all(String terminateDb) {
        return List.of(
                new Fault("0", Kind.NONE, null, "baseline: no fault"),
                new Fault("1a", Kind.KILL_SERVICE, Suite.PETITION, "kill -9 petition-service, restart"),
                new Fault("1b", Kind.KILL_SERVICE, Suite.ASSIGNMENT, "kill -9 assignment-service, restart"),
                new Fault("1c", Kind.KILL_SERVICE, Suite.FEEDBACK, "kill -9 feedback-service, restart"),
                new Fault("1d", Kind.KILL_SERVICE, Suite.GATEWAY, "kill -9 gateway, restart"),
                new Fault("1e", Kind.KILL_SERVICE, Suite.NOTIFICATION, "kill -9 notification-service, restart"),
                new Fault("2a", Kind.BROKER_STOP, "kafka", "Kafka stopped (SIGTERM), restarted"),
                new Fault("2b", Kind.BROKER_KILL, "kafka", "Kafka killed (SIGKILL), restarted"),
                new Fault("3", Kind.POSTGRES_KILL, "postgres", "kill -9 PostgreSQL postmaster, restart"),
                new Fault("4", Kind.TERMINATE_BACKENDS, terminateDb, "pg_terminate_backend(" + terminateDb + ") in a burst"),
                new Fault("5", Kind.EXPORT_STORM, Suite.FEEDBACK, "export storm: 50 x GET /stats/records"),
                new Fault("6", Kind.OVERSIZED_BODIES, Suite.GATEWAY, "10 MB chunked POST /petitions"),
                new Fault("7", Kind.CLUSTER_NODE_KILL, "kafka", "one of three Kafka nodes killed (SIGKILL), restarted"));
    }

    /**
     * The faults {@code spec} names ({@code 1,4,6}; {@code 1} is 1a to 1e, {@code 1b} only that one),
     * always after the baseline, which shows what the instrument reads with no fault at all. With no
     * {@code spec}: 0 to 6, on the single broker; 7 runs on a three-node cluster, only when named,
     * and not together with 2 (which stops the single broker).
     */
    static List<Fault> select(String spec, String terminateDb) {
        List<Fault> all = all(terminateDb);
        if (spec == null || spec.isBlank()) {
            return all.stream().filter(f -> !f.needsCluster()).toList();
        }
        List<Fault> chosen = new ArrayList<>();
        chosen.add(all.get(0));
        for (String part : spec.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            List<Fault> matching = all.stream().filter(f -> f.id().equals(p) || f.id().replaceAll("[a-z]$", "").equals(p)).toList();
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("no fault " + part + " (there are 1-7, and 1a-1e, 2a-2b)");
            }
            matching.stream().filter(f -> !chosen.contains(f)).forEach(chosen::add);
        }
        if (chosen.stream().anyMatch(Fault::needsCluster) && chosen.stream().anyMatch(Fault::needsSingleBroker)) {
            throw new IllegalArgumentException("fault 7 runs on a three-node Kafka cluster, fault 2 on the single broker: "
                    + "run them separately");
        }
        chosen.sort(java.util.Comparator.comparingInt(all::indexOf));
        return chosen;
    }
}
