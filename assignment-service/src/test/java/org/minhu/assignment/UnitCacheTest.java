package org.minhu.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.minhu.assignment.unit.Unit;
import org.minhu.common.inbox.ProcessedEvents;
import org.minhu.common.outbox.OutboxRelay;

/**
 * Dispatch reads units from the second-level cache on every event. Hibernate evicts every cache
 * region after a native write that does not name its tables; the writes every consumed event and
 * every outbox batch make (the processed-event row, the published marks) name theirs, so the
 * units stay cached while events flow.
 */
@QuarkusTest
class UnitCacheTest {

    /** A unit that dispatching a health petition in 万盛 never reads, so only eviction can take it out of the cache. */
    private static final String UNIT = "city-water";

    @Inject
    EntityManager em;

    @Inject
    ProcessedEvents processed;

    @Inject
    OutboxRelay relay;

    @Test
    void shouldKeepUnitsCachedWhileEventsAreRecordedAndPublished() throws Exception {
        cacheUnit();
        long published = relay.publishedCount();
        UUID petition = UUID.randomUUID();
        try (PetitionPublisher events = new PetitionPublisher()) {
            // consumed (a processed-event row), dispatched (an outbox row), published (the row marked)
            events.submitted(UUID.randomUUID(), petition, "health", "NORMAL", "Z-WSJKQ", null);
        }
        PetitionPublisher.awaitCase(petition);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> relay.publishedCount() > published);
        QuarkusTransaction.requiringNew().run(() -> processed.firstTime(UUID.randomUUID()));
        assertThat(cached()).as("unit still cached after an event was consumed, dispatched and published").isTrue();
    }

    @Test
    void shouldEvictEveryRegionAfterANativeWriteThatNamesNoTable() {
        // the behaviour the named writes avoid: proves the check above can fail
        cacheUnit();
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("INSERT INTO processed_event (event_id) VALUES (?1)").setParameter(1, UUID.randomUUID())
                        .executeUpdate());
        assertThat(cached()).as("unit evicted by an unnamed native write").isFalse();
    }

    private void cacheUnit() {
        QuarkusTransaction.requiringNew().run(() -> assertThat((Unit) Unit.findById(UNIT)).isNotNull());
        assertThat(cached()).as("unit cached after a read").isTrue();
    }

    private boolean cached() {
        return em.getEntityManagerFactory().getCache().contains(Unit.class, UNIT);
    }
}
