package org.minhu.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events as they were written to Kafka, checked against {@code docs/asyncapi.yaml}: the CloudEvents
 * {@code type} names a message of the document (its {@code name}), the message belongs to the channel
 * of the topic it was read from, the value matches the message's payload schema and the headers its
 * header schema (JSON Schema draft 7, AsyncAPI's default, formats asserted), and the Kafka key is the
 * petition id the event names (subject, partitionkey, data.petitionId), as the document says.
 */
final class EventContract {

    private static final String BASE = "https://minhu.invalid/docs/asyncapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode doc;
    private final SchemaRegistry registry;
    /** CloudEvents type → the message's key under components.messages. */
    private final Map<String, String> messageByType = new HashMap<>();
    /** Topic (channel address) → the message keys it carries. */
    private final Map<String, Set<String>> messagesByTopic = new HashMap<>();

    EventContract(JsonNode asyncApi) {
        this.doc = asyncApi;
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                .schemas(Map.of(BASE, JSON.writeValueAsString(asyncApi))));
        asyncApi.path("components").path("messages").properties().forEach(m -> {
            String type = m.getValue().path("name").asString(null);
            if (type != null) {
                messageByType.put(type, m.getKey());
            }
        });
        asyncApi.path("channels").properties().forEach(c -> {
            Set<String> keys = messagesByTopic.computeIfAbsent(c.getValue().path("address").asString(""), a -> new TreeSet<>());
            c.getValue().path("messages").properties().forEach(m -> {
                String ref = m.getValue().path("$ref").asString("");
                keys.add(ref.substring(ref.lastIndexOf('/') + 1));
            });
        });
    }

    /** What is wrong with one record read from {@code record.topic()}; empty when it keeps the contract. */
    List<String> check(ConsumerRecord<String, String> record) {
        String at = record.topic() + "@" + record.partition() + ":" + record.offset();
        List<String> problems = new ArrayList<>();
        JsonNode event;
        try {
            event = JSON.readTree(record.value());
        } catch (RuntimeException e) {
            return List.of(at + ": not JSON: " + e.getMessage());
        }
        String type = event.path("type").asString("(no type)");
        String message = messageByType.get(type);
        if (message == null) {
            return List.of(at + ": type " + type + " is not a message of docs/asyncapi.yaml");
        }
        problems.addAll(checkPayload(at, record.topic(), event));
        if (doc.path("components").path("messages").path(message).has("headers")) {
            ObjectNode headers = JSON.createObjectNode();
            for (Header h : record.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
            for (Error e : registry.getSchema(SchemaLocation.of(BASE + "#/components/messages/" + message + "/headers"))
                    .validate(headers)) {
                problems.add(at + " " + type + " header " + e.getInstanceLocation() + ": " + e.getMessage());
            }
        }
        String petition = event.path("data").path("petitionId").asString(null);
        for (String same : new String[] {event.path("subject").asString(null), event.path("partitionkey").asString(null), petition}) {
            if (record.key() == null || !record.key().equals(same)) {
                problems.add(at + " " + type + ": the key " + record.key() + " is not the petition id the event names"
                        + " (subject, partitionkey, data.petitionId: " + event.path("subject") + ", " + event.path("partitionkey")
                        + ", " + petition + ")");
                break;
            }
        }
        return problems;
    }

    /**
     * What is wrong with {@code event} as a payload of its message on {@code topic} (the channel
     * and the payload schema; no headers, no key); empty when it keeps the contract.
     */
    List<String> checkPayload(String at, String topic, JsonNode event) {
        String type = event.path("type").asString("(no type)");
        String message = messageByType.get(type);
        if (message == null) {
            return List.of(at + ": type " + type + " is not a message of docs/asyncapi.yaml");
        }
        List<String> problems = new ArrayList<>();
        if (!messagesByTopic.getOrDefault(topic, Set.of()).contains(message)) {
            problems.add(at + ": " + type + " is not a message of the channel " + topic);
        }
        for (Error e : registry.getSchema(SchemaLocation.of(BASE + "#/components/messages/" + message + "/payload"))
                .validate(event)) {
            problems.add(at + " " + type + " " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        return problems;
    }

    /** The channel address (topic) that carries the message {@code messageKey}. */
    String topicOf(String messageKey) {
        return messagesByTopic.entrySet().stream().filter(e -> e.getValue().contains(messageKey)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError(messageKey + " is on no channel"));
    }

    /** The event types of the records, for a summary. */
    static Set<String> types(List<ConsumerRecord<String, String>> records) {
        Set<String> types = new TreeSet<>();
        for (ConsumerRecord<String, String> r : records) {
            types.add(JSON.readTree(r.value()).path("type").asString("(no type)"));
        }
        return types;
    }

    static JsonNode readYaml(String yaml) {
        return new tools.jackson.dataformat.yaml.YAMLMapper().readTree(yaml);
    }
}
