package org.minhu.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.minhu.testsupport.TopicReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Replicas of a service relay the same outbox at once (here the service's own relay and two more
 * passes racing on two threads, each in its own database session, while events are written): each
 * event reaches the topic exactly once, and one petition's events in the order they were written.
 * (In petition-service's tests for its outbox; the relay is service-commons' and the same in every service.)
 */
@QuarkusTest
class OutboxRelayReplicasTest {

    private static final String TOPIC = "minhu.petition.events";

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldPublishEachEventOnceAndInOrderPerKeyWhenReplicasRelayAtOnce() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            keys.add(UUID.randomUUID().toString());
        }
        int perKey = 40;
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (TopicReader reader = TopicReader.fromNow(bootstrap, TOPIC)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> replicas = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                replicas.add(pool.submit(() -> {
                    start.await();
                    int sent = 0;
                    while (writing.get()) {
                        sent += relay.drainOnce();
                    }
                    // what is left: a pass that did not get the lock returns 0 too, so a few passes, not "until 0"
                    for (int i = 0; i < 20; i++) {
                        sent += relay.drainOnce();
                    }
                    return sent;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                start.await();
                for (int i = 0; i < perKey; i++) {
                    int seq = i;
                    QuarkusTransaction.requiringNew().run(() -> {
                        for (String key : keys) {
                            outbox.append(TOPIC, "org.minhu.test.relay-order", key, Instant.now(), Map.of("seq", seq));
                        }
                    });
                }
                return null;
            });
            start.countDown();
            writer.get();
            writing.set(false);
            for (Future<Integer> replica : replicas) {
                replica.get();
            }

            List<ConsumerRecord<String, String>> events = reader.await(rec -> keys.contains(rec.key()), keys.size() * perKey,
                    Duration.ofSeconds(60));
            events = reader.readToEnd(rec -> keys.contains(rec.key()), Duration.ofSeconds(30));
            assertThat(events).as("every event once, no copy").hasSize(keys.size() * perKey);
            for (String key : keys) {
                List<Integer> seqs = new ArrayList<>();
                for (ConsumerRecord<String, String> e : events) {
                    if (key.equals(e.key())) {
                        JsonNode data = json.readTree(e.value()).path("data");
                        seqs.add(data.path("seq").asInt());
                    }
                }
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < perKey; i++) {
                    expected.add(i);
                }
                assertThat(seqs).as("key %s in the order written", key).isEqualTo(expected);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }
}
