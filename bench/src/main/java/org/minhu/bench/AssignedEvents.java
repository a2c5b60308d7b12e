package org.minhu.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** When each petition's {@code org.minhu.case.assigned} event reached Kafka, read by a consumer of its own. */
final class AssignedEvents {

    private AssignedEvents() {
    }

    /** Reads {@code minhu.case.events} from the beginning until {@code reading} is false, recording petition id → first assignment (nanoTime). */
    static void read(String bootstrap, Map<String, Long> assigned, AtomicBoolean reading) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("minhu.case.events"));
            while (reading.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                    if (r.value().contains("\"type\":\"org.minhu.case.assigned\"")) {
                        assigned.putIfAbsent(r.key(), System.nanoTime());
                    }
                }
            }
        }
    }

    /** Submit → assigned of each submitted petition (id → its request's start, nanoTime), and how many were never assigned. */
    record Latencies(Histogram histogram, int missing) {
    }

    static Latencies latencies(Map<String, Long> submitted, Map<String, Long> assigned, long highestSeconds) {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(highestSeconds), 3);
        int missing = 0;
        for (Map.Entry<String, Long> e : submitted.entrySet()) {
            Long at = assigned.get(e.getKey());
            if (at == null) {
                missing++;
            } else {
                h.recordValue(Math.max(0, Math.min(at - e.getValue(), h.getHighestTrackableValue())));
            }
        }
        return new Latencies(h, missing);
    }
}
