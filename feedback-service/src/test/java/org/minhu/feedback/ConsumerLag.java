package org.minhu.feedback;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/** Waits until a consumer group has committed everything published so far on its topics. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    public static void awaitCaughtUp(String group, List<String> topics) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, UpstreamEvents.bootstrap());
        try (Admin admin = Admin.create(p)) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                        .forEach(tp -> latest.put(new TopicPartition(name, tp.partition()), OffsetSpec.latest())));
                Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        }
    }
}
