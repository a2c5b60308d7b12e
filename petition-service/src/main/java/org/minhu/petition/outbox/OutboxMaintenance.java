package org.minhu.petition.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.minhu.petition.config.PetitionConfig;

import io.quarkus.scheduler.Scheduled;

/** Purges events published longer ago than the retention. Unpublished events are never purged. */
@ApplicationScoped
public class OutboxMaintenance {

    private static final Logger LOG = Logger.getLogger(OutboxMaintenance.class);

    private final PetitionConfig config;

    public OutboxMaintenance(PetitionConfig config) {
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgePublished() {
        long purged = OutboxEvent.delete("publishedAt < ?1", Instant.now().minus(config.outbox().retention()));
        if (purged > 0) {
            LOG.infof("Purged %d published outbox events", purged);
        }
    }
}
