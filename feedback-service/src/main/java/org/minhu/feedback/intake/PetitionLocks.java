package org.minhu.feedback.intake;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A transaction-scoped PostgreSQL advisory lock per petition: the two consumers (petition events
 * and case events run on different threads) never interleave on one petition, so a case event
 * parked while its petition is unknown cannot be missed by the petition's arrival.
 */
@ApplicationScoped
public class PetitionLocks {

    private final EntityManager em;

    public PetitionLocks(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(UUID petitionId) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                .setParameter(1, petitionId.getMostSignificantBits() ^ petitionId.getLeastSignificantBits())
                .getSingleResult();
    }
}
