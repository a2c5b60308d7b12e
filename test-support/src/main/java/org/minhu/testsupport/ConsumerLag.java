package org.minhu.testsupport;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a consumer group has committed everything published so far on its topics: then
 * every message sent before the call has been handled (and its transaction committed, since the
 * services' consumers commit an offset only after the message was processed). To show that a
 * message changed nothing, send it, wait here, then assert once, instead of watching for a
 * fixed quiet period.
 */
public final class ConsumerLag {

    private static final Duration POLL = Duration.ofMillis(300);

    private ConsumerLag() {
    }

    /** Waits up to 90 s for {@code group} to catch up on {@code topics} on the broker at {@code bootstrapServers}. */
    public static void awaitCaughtUp(String bootstrapServers, String group, Collection<String> topics) {
        awaitCaughtUp(bootstrapServers, group, topics, Duration.ofSeconds(90));
    }

    public static void awaitCaughtUp(String bootstrapServers, String group, Collection<String> topics, Duration timeout) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            Map<TopicPartition, Long> behind = lag(admin, group, topics);
            while (!behind.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("consumer group " + group + " did not catch up within " + timeout
                            + "; still behind on " + behind);
                }
                Thread.sleep(POLL.toMillis());
                behind = lag(admin, group, topics);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for consumer group " + group, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the offsets of consumer group " + group, e.getCause());
        }
    }

    /**
     * How many messages of {@code topics} {@code group} has not committed yet, in all (0: caught up),
     * read once with the caller's admin client (one that lives across broker restarts, say; its
     * API timeout bounds the call while the broker is away).
     */
    public static long total(Admin admin, String group, Collection<String> topics) throws InterruptedException, ExecutionException {
        return lag(admin, group, topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Where each partition of {@code topics} ends now. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get()
                .entrySet()) {
            ends.put(end.getKey(), end.getValue().offset());
        }
        return ends;
    }

    /** The partitions of {@code topics} whose end offset is beyond what {@code group} committed, with that lag. */
    private static Map<TopicPartition, Long> lag(Admin admin, String group, Collection<String> topics)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> end : endOffsets(admin, topics).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long lag = end.getValue() - (done == null ? 0 : done.offset());
            if (lag > 0) {
                behind.put(end.getKey(), lag);
            }
        }
        return behind;
    }
}
