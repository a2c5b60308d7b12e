package org.minhu.petition.petition;

import org.minhu.common.time.ChinaTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.minhu.petition.config.PetitionConfig;

/**
 * Human tracking numbers, {@code CQ-20261124-000123}: the date of submission in China time and
 * a platform-wide number. Numbers are taken from a database sequence in blocks of 50 (the
 * sequence's increment), so intake asks the database once per 50 requests; a restart skips the
 * rest of a block, which keeps numbers unique but not gap-free.
 */
@ApplicationScoped
public class TrackingNumbers {

    static final int BLOCK = 50;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final EntityManager em;
    private final String prefix;
    private long next;
    private long blockEnd;

    public TrackingNumbers(EntityManager em, PetitionConfig config) {
        this.em = em;
        this.prefix = config.trackingPrefix();
    }

    public String next(Instant submittedAt) {
        LocalDate day = submittedAt.atZone(ChinaTime.ZONE).toLocalDate();
        return String.format("%s-%s-%06d", prefix, DAY.format(day), nextNumber());
    }

    private synchronized long nextNumber() {
        if (next >= blockEnd) {
            long start = ((Number) em.createNativeQuery("SELECT nextval('petition_tracking_seq')")
                    .getSingleResult()).longValue();
            next = start;
            blockEnd = start + BLOCK;
        }
        return next++;
    }
}
