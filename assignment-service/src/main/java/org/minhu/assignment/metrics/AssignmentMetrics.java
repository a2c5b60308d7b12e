package org.minhu.assignment.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.minhu.assignment.cases.CaseStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * assignment-service's meters.
 * <ul>
 * <li>{@code minhu.dispatch.latency}: from the moment petition-service accepted a request (the
 * event's {@code submittedAt}) to the moment its case was created here, recorded when the case's
 * transaction commits (a timer with a percentile histogram, so quantiles can be computed across
 * replicas).</li>
 * <li>{@code minhu.cases} by {@code status} and {@code minhu.cases.overdue} by {@code region} (open
 * cases past their answer deadline, per district-level region: about forty codes): counted in the
 * database every {@code minhu.assignment.metrics-interval} (30 s), never per scrape.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class AssignmentMetrics {

    /** Fired by dispatch inside the case's transaction. */
    public record Dispatched(Instant submittedAt, Instant dispatchedAt) {
    }

    private static final Logger LOG = Logger.getLogger(AssignmentMetrics.class);

    /** The statuses in which a case waits for its unit, and so can be overdue (as the escalation job reads it). */
    private static final List<String> OPEN = List.of(CaseStatus.ASSIGNED.name(), CaseStatus.SIGNED.name(),
            CaseStatus.REOPENED.name());

    private final EntityManager em;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<CaseStatus, AtomicLong> byStatus = new EnumMap<>(CaseStatus.class);
    private final Map<String, AtomicLong> overdueByRegion = new ConcurrentHashMap<>();

    public AssignmentMetrics(EntityManager em, MeterRegistry registry) {
        this.em = em;
        this.registry = registry;
        this.latency = Timer.builder("minhu.dispatch.latency")
                .description("From a request's acceptance by petition-service to its case's creation here")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        for (CaseStatus status : CaseStatus.values()) {
            AtomicLong value = new AtomicLong();
            byStatus.put(status, value);
            Gauge.builder("minhu.cases", value, AtomicLong::get)
                    .description("Cases by status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    void dispatched(@Observes(during = TransactionPhase.AFTER_SUCCESS) Dispatched dispatched) {
        Duration waited = Duration.between(dispatched.submittedAt(), dispatched.dispatchedAt());
        // clocks of two machines: a case "created before it was submitted" is counted as immediate
        latency.record(waited.isNegative() ? Duration.ZERO : waited);
    }

    @Scheduled(every = "${minhu.assignment.metrics-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            QuarkusTransaction.requiringNew().timeout(20).run(this::count);
        } catch (RuntimeException e) {
            LOG.debugf("Case metrics not refreshed: %s", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private void count() {
        if (overdueByRegion.isEmpty()) {
            // the district-level regions (a fixed reference list): the only values the region tag takes
            for (Object code : em.createNativeQuery("SELECT code FROM region WHERE parent_code IS NULL").getResultList()) {
                AtomicLong value = new AtomicLong();
                overdueByRegion.put((String) code, value);
                Gauge.builder("minhu.cases.overdue", value, AtomicLong::get)
                        .description("Open cases (assigned, signed, reopened) past their answer deadline, by region")
                        .tag("region", (String) code)
                        .register(registry);
            }
        }
        Map<CaseStatus, Long> statuses = new EnumMap<>(CaseStatus.class);
        for (Object[] row : (List<Object[]>) em.createNativeQuery(
                "SELECT status, count(*) FROM petition_case GROUP BY status").getResultList()) {
            statuses.put(CaseStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        byStatus.forEach((status, value) -> value.set(statuses.getOrDefault(status, 0L)));
        Map<String, Long> overdue = new java.util.HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery(
                        "SELECT region_code, count(*) FROM petition_case WHERE status IN (:open) "
                                + "AND answer_deadline < now() GROUP BY region_code")
                .setParameter("open", OPEN).getResultList()) {
            overdue.put((String) row[0], ((Number) row[1]).longValue());
        }
        overdueByRegion.forEach((region, value) -> value.set(overdue.getOrDefault(region, 0L)));
    }
}
