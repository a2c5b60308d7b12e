package org.minhu.bench.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minhu.testsupport.ConsumerLag;

/**
 * Whether the platform has settled after a fault: nothing waiting in any outbox (events accepted
 * but not on Kafka), every consumer group caught up with its topics (lag 0: committed offset =
 * end offset), and the audit's counts unchanged over consecutive looks. Bounded: a platform that
 * does not settle is reported as such, and counted as it stands.
 */
final class Settling implements AutoCloseable {

    /** Each service's consumer group and the topics it reads (application.properties of each service). */
    static final Map<String, List<String>> GROUPS = Map.of(
            "assignment-service", List.of("minhu.petition.events", "minhu.feedback.events"),
            "feedback-service", List.of("minhu.petition.events", "minhu.case.events"),
            "petition-service", List.of("minhu.case.events", "minhu.feedback.events"),
            "notification-service", List.of("minhu.petition.events", "minhu.case.events", "minhu.feedback.events"));
    static final List<String> DATABASES = List.of("petition", "assignment", "feedback");
    static final List<String> DEAD_LETTER_TOPICS = List.of("minhu.assignment.dlq", "minhu.petition.dlq", "minhu.feedback.dlq",
            "minhu.notification.dlq");

    /** One look: -1 where it could not be read (the server away). */
    record Look(long backlog, long lag, long parked, String counts) {
        boolean quiet() {
            return backlog == 0 && lag == 0;
        }
    }

    record Result(boolean settled, double seconds, Look last) {
    }

    private final FaultServers servers;
    private final Admin admin;

    Settling(FaultServers servers) {
        this.servers = servers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"));
    }

    /** Looks every second until quiet with the same counts three looks running, or {@code bound}. */
    Result await(Duration bound, Supplier<String> counts) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + bound.toNanos();
        String previous = null;
        int same = 0;
        Look look = null;
        while (true) {
            look = new Look(backlog(), lag(), parked(), counts.get());
            same = look.quiet() && look.counts().equals(previous) ? same + 1 : 0;
            previous = look.counts();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (same >= 2) {
                return new Result(true, seconds, look);
            }
            if (System.nanoTime() > deadline) {
                return new Result(false, seconds, look);
            }
            Thread.sleep(1000);
        }
    }

    /** Events accepted into the three outboxes and not yet published (notification-service publishes none). */
    long backlog() {
        long total = 0;
        for (String db : DATABASES) {
            long n = scalar(db, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
            if (n < 0) {
                return -1;
            }
            total += n;
        }
        return total;
    }

    /** Case events feedback-service parked because their petition had not arrived (see its V1 migration). */
    long parked() {
        return scalar("feedback", "SELECT count(*) FROM parked_case_event");
    }

    private long scalar(String db, String sql) {
        try (Connection c = servers.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Sum over the four consumer groups of end offset minus committed offset; -1 when Kafka does not answer. */
    long lag() {
        try {
            long total = 0;
            for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
                total += ConsumerLag.total(admin, g.getKey(), g.getValue());
            }
            return total;
        } catch (ExecutionException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Where the dead-letter topics end now (read again at the end of a phase); empty when Kafka does not answer. */
    Map<TopicPartition, Long> deadLetterEnds() {
        try {
            return ConsumerLag.endOffsets(admin, DEAD_LETTER_TOPICS);
        } catch (ExecutionException | RuntimeException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /**
     * The messages dead-lettered since {@code from}, counted by where they came from and why
     * (the headers SmallRye's dead-letter queue adds: the original topic, the exception and its
     * message), ids blanked so that like reasons count together.
     */
    Map<String, Integer> deadLetters(Map<TopicPartition, Long> from) {
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        Map<TopicPartition, Long> to = deadLetterEnds();
        if (from.isEmpty() || to.isEmpty()) {
            return reasons;
        }
        Map<TopicPartition, Long> remaining = new HashMap<>();
        to.forEach((tp, end) -> {
            long start = from.getOrDefault(tp, 0L);
            if (end > start) {
                remaining.put(tp, start);
            }
        });
        if (remaining.isEmpty()) {
            return reasons;
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.assign(remaining.keySet());
            remaining.forEach(consumer::seek);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int wanted = remaining.entrySet().stream().mapToInt(e -> (int) (to.get(e.getKey()) - e.getValue())).sum();
            int seen = 0;
            while (seen < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= to.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    seen++;
                    String why = header(r, "dead-letter-exception-class-name").replaceAll(".*\\.", "") + ": "
                            + header(r, "dead-letter-reason");
                    if (r.headers().lastHeader("dead-letter-cause") != null) { // a wrapper's message says little: its cause does
                        why += " <- " + header(r, "dead-letter-cause-class-name").replaceAll(".*\\.", "") + ": "
                                + header(r, "dead-letter-cause");
                    }
                    why = why.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
                    reasons.merge(r.topic() + " <- " + header(r, "dead-letter-topic") + ": "
                            + (why.length() > 240 ? why.substring(0, 240) + "…" : why), 1, Integer::sum);
                }
            }
            if (seen < wanted) {
                reasons.merge("(not read in time)", wanted - seen, Integer::sum);
            }
        } catch (RuntimeException e) {
            reasons.merge("(unreadable: " + e.getMessage() + ")", 1, Integer::sum);
        }
        return reasons;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        org.apache.kafka.common.header.Header h = r.headers().lastHeader(name);
        return h == null ? "?" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
