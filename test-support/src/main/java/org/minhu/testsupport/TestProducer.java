package org.minhu.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kafka producer of string keys and values for one test class, the base of a service's test publisher. The
 * class holds its publisher as {@code @RegisterExtension static final ... events = new ...();}: the producer opens
 * on the first record, once the application is up (it sends to the application's {@code kafka.bootstrap.servers}),
 * and closes after the class's last test; used again, it opens again.
 */
public abstract class TestProducer implements AutoCloseable, AfterAllCallback {

    private final Map<String, Object> settings;
    private KafkaProducer<String, String> producer;

    /** {@code settings}: producer settings besides the address and the string serializers (acks, linger, …). */
    protected TestProducer(Map<String, Object> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The application's Kafka address. */
    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** The producer, opened if it is not. */
    protected synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.putAll(settings);
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /** Waits until every record sent so far is acknowledged (nothing to wait for if the producer is not open). */
    public synchronized void flush() {
        if (producer != null) {
            producer.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
