package org.minhu.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minhu.common.events.EventData;
import org.minhu.common.events.EventTypes;
import org.minhu.common.inbox.EventSources;
import org.minhu.common.inbox.InboundEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The consumer side of the event contract, without starting anything: every message of
 * {@code docs/asyncapi.yaml} has an example, the example keeps the document's own schema, and the
 * consumers accept it (parsed as they parse, source checked, data read into its record and checked)
 * — and so they do the same event cut down to what the document requires, so that no consumer
 * demands a field the document leaves optional. The producer side is
 * {@link RequestLifeTest#everyEventOnTheMinhuTopicsMatchesItsMessageInTheAsyncApiDocument}.
 */
class EventExamplesTest {

    private static final ObjectMapper CONSUMER_JSON = new ObjectMapper();
    private static final EventSources SOURCES = new EventSources(Map.of());

    private static JsonNode asyncApi;
    private static EventContract contract;

    @BeforeAll
    static void read() throws Exception {
        Path root = Path.of(System.getProperty("minhu.services.dir", ".."));
        asyncApi = EventContract.readYaml(Files.readString(root.resolve("docs/asyncapi.yaml")));
        contract = new EventContract(asyncApi);
    }

    /** Message key → its example payloads, for every message that is an event (has a CloudEvents type). */
    private static Map<String, List<JsonNode>> examples() {
        Map<String, List<JsonNode>> examples = new TreeMap<>();
        asyncApi.path("components").path("messages").properties().forEach(m -> {
            String type = m.getValue().path("name").asString("");
            if (type.startsWith("org.minhu.")) {
                List<JsonNode> payloads = new ArrayList<>();
                m.getValue().path("examples").forEach(e -> payloads.add(e.path("payload")));
                examples.put(m.getKey(), payloads);
            }
        });
        return examples;
    }

    @Test
    void everyEventTheDocumentDescribesHasAnExampleAndEveryPublishedTypeIsDescribed() {
        Map<String, List<JsonNode>> examples = examples();
        assertThat(examples).allSatisfy((message, payloads) -> assertThat(payloads).as(message).isNotEmpty());
        List<String> described = examples.values().stream().flatMap(List::stream).map(e -> e.path("type").asString()).toList();
        assertThat(described).containsAll(EventTypes.all());
    }

    @Test
    void everyExampleKeepsItsSchemaAndIsAcceptedByTheConsumers() {
        examples().forEach((message, payloads) -> payloads.forEach(example -> {
            assertThat(contract.checkPayload(message, contract.topicOf(message), example)).as(message).isEmpty();
            assertThat(consumed(example)).as(message).isNotNull();
        }));
    }

    @Test
    void anEventWithOnlyTheFieldsTheDocumentRequiresIsAcceptedByTheConsumers() {
        examples().forEach((message, payloads) -> payloads.forEach(example -> {
            ObjectNode minimal = (ObjectNode) example.deepCopy();
            List<String> required = requiredOfData(message);
            assertThat(required).as(message + " names its required data fields").isNotEmpty();
            ((ObjectNode) minimal.path("data")).retain(required);
            assertThat(contract.checkPayload(message, contract.topicOf(message), minimal)).as(message + ", minimal").isEmpty();
            assertThat(consumed(minimal)).as(message + ", minimal").isNotNull();
        }));
    }

    @Test
    void aConsumerRefusesAnEventWithoutAFieldItNeedsAndNamesTheField() {
        JsonNode answered = examples().get("CaseAnswered").get(0);
        ObjectNode broken = (ObjectNode) answered.deepCopy();
        ((ObjectNode) broken.path("data")).remove("petitionId");
        assertThat(contract.checkPayload("CaseAnswered", "minhu.case.events", broken)).isNotEmpty();
        assertThatThrownBy(() -> consumed(broken)).isInstanceOf(InboundEvent.InvalidEventException.class)
                .hasMessageContaining("petitionId");
        ObjectNode badDate = (ObjectNode) answered.deepCopy();
        ((ObjectNode) badDate.path("data")).put("occurredAt", "yesterday");
        assertThatThrownBy(() -> consumed(badDate)).isInstanceOf(InboundEvent.InvalidEventException.class)
                .hasMessageContaining("occurredAt");
    }

    /** The example as a consumer reads it: the CloudEvent parsed, its source checked, its data read and checked. */
    private static EventData consumed(JsonNode example) {
        InboundEvent event = InboundEvent.parse(CONSUMER_JSON, example.toString());
        SOURCES.check(event);
        Class<? extends EventData> type = EventTypes.dataOf(event.type())
                .orElseThrow(() -> new AssertionError(event.type() + " has no data record in org.minhu.common.events"));
        return event.data(type);
    }

    /** The {@code required} list of the message's data schema, following a $ref into components.schemas. */
    private static List<String> requiredOfData(String message) {
        JsonNode data = null;
        for (JsonNode part : asyncApi.path("components").path("messages").path(message).path("payload").path("allOf")) {
            if (part.path("properties").has("data")) {
                data = part.path("properties").path("data");
            }
        }
        if (data != null && data.has("$ref")) {
            String ref = data.path("$ref").asString();
            data = asyncApi.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        List<String> required = new ArrayList<>();
        if (data != null) {
            data.path("required").forEach(r -> required.add(r.asString()));
        }
        return required;
    }
}
