package org.minhu.petition;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.minhu.common.events.Topics;
import org.minhu.testsupport.DatabaseFaults;

/**
 * The upstream services' events as they reach petition-service (case events from
 * assignment-service, feedback events from feedback-service), for the reconciliation and consumer
 * failure tests, named by their short type and sent through an {@link EventPublisher}; and database
 * faults on petition-service's own database. A test class holds one as
 * {@code @RegisterExtension static final ReconciliationEvents events = new ReconciliationEvents();}.
 */
final class ReconciliationEvents implements AutoCloseable, AfterAllCallback {

    static final String CASES = Topics.CASE_EVENTS;
    static final String FEEDBACK = Topics.FEEDBACK_EVENTS;

    private final EventPublisher publisher = new EventPublisher();

    /** A case event of 万盛's health commission for the petition; returns its event id. */
    UUID caseEvent(String petitionId, String type, Map<String, Object> extra) throws Exception {
        UUID id = UUID.randomUUID();
        publisher.healthCommissionEvent(id, petitionId, "org.minhu.case." + type, extra);
        return id;
    }

    /** A feedback event (recorded, not-rated, round-opened) for the petition; returns its event id. */
    UUID feedbackEvent(String petitionId, String type, Map<String, Object> data) throws Exception {
        Map<String, Object> withPetition = new HashMap<>(data);
        withPetition.put("petitionId", petitionId);
        UUID id = UUID.randomUUID();
        publisher.feedbackEvent(id, petitionId, "org.minhu.feedback." + type, withPetition);
        return id;
    }

    /** Faults on inserts into one table of petition-service's database. */
    static DatabaseFaults faults(String table) throws Exception {
        var config = ConfigProvider.getConfig();
        return DatabaseFaults.on(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""), table);
    }

    @Override
    public void close() {
        publisher.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
