package org.minhu.common.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Purges events published longer ago than the retention. Unpublished events are never purged. */
@ApplicationScoped
public class OutboxMaintenance {

    private static final Logger LOG = Logger.getLogger(OutboxMaintenance.class);

    private final OutboxConfig config;

    public OutboxMaintenance(OutboxConfig config) {
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgePublished() {
        long purged = OutboxEvent.delete("publishedAt < ?1", Instant.now().minus(config.retention()));
        if (purged > 0) {
            LOG.infof("Purged %d published outbox events", purged);
        }
    }
}
