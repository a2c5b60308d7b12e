package org.minhu.feedback.intake;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.minhu.feedback.rating.PetitionRef;
import org.minhu.feedback.stats.UnitNames;
import org.minhu.common.events.CaseEvents;
import org.minhu.common.inbox.InboundEvent;
import org.minhu.common.persistence.NativeWrites;

/**
 * Puts the two upstream topics in order for each petition. A case event can arrive before its
 * petition (they come on different topics, read by different threads): it is parked and applied,
 * in arrival order, when the petition arrives. The petition's advisory lock ({@link PetitionLocks})
 * makes the two meet: a case event parked while its petition is unknown cannot be missed by the
 * petition's arrival, and one petition's events never interleave.
 */
@ApplicationScoped
public class CaseEventOrder {

    private final PetitionLocks locks;
    private final CaseProgress progress;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final UnitNames unitNames;

    public CaseEventOrder(PetitionLocks locks, CaseProgress progress, EntityManager em, ObjectMapper mapper, UnitNames unitNames) {
        this.locks = locks;
        this.progress = progress;
        this.em = em;
        this.mapper = mapper;
        this.unitNames = unitNames;
    }

    /** A case event: applied when its petition is known and nothing of it waits, parked otherwise. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void caseEvent(String type, CaseEvents.Data data) throws Exception {
        locks.lock(data.petitionId());
        unitNames.remember(data.unitId(), data.unitNameZh(), data.unitNameEn());
        PetitionRef petition = PetitionRef.findById(data.petitionId());
        if (petition == null || parked(data)) {
            NativeWrites.statement(em, "INSERT INTO parked_case_event (petition_id, event_type, data) VALUES (?1, ?2, ?3)", "parked_case_event")
                    .setParameter(1, data.petitionId()).setParameter(2, type).setParameter(3, mapper.writeValueAsString(data))
                    .executeUpdate();
            return;
        }
        progress.apply(petition, type, data);
    }

    /** A petition learnt from its submitted event: kept once, then the case events that waited for it are applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void petition(PetitionRef ref) throws Exception {
        locks.lock(ref.petitionId);
        if (PetitionRef.findById(ref.petitionId) != null) {
            return;
        }
        ref.persist();
        @SuppressWarnings("unchecked")
        List<Object[]> parked = em.createNativeQuery(
                        "SELECT seq, event_type, data FROM parked_case_event WHERE petition_id = ?1 ORDER BY seq")
                .setParameter(1, ref.petitionId).getResultList();
        for (Object[] row : parked) {
            progress.apply(ref, (String) row[1], InboundEvent.read(mapper.readTree((String) row[2]), CaseEvents.Data.class));
        }
        if (!parked.isEmpty()) {
            NativeWrites.statement(em, "DELETE FROM parked_case_event WHERE petition_id = ?1", "parked_case_event")
                    .setParameter(1, ref.petitionId).executeUpdate();
        }
    }

    private boolean parked(CaseEvents.Data data) {
        return !em.createNativeQuery("SELECT 1 FROM parked_case_event WHERE petition_id = ?1 LIMIT 1")
                .setParameter(1, data.petitionId()).getResultList().isEmpty();
    }
}
