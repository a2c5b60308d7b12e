package org.minhu.petition.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.minhu.petition.petition.Petition;
import org.minhu.petition.petition.PetitionMapper;
import org.minhu.petition.petition.TimelineEntry;

/** Finds a request by its tracking number when the last four digits of its contact phone match. */
@ApplicationScoped
public class TrackingLookup {

    private final PetitionMapper mapper;

    public TrackingLookup(PetitionMapper mapper) {
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TrackedRequest> find(String trackingNumber, String phoneLast4) {
        Petition p = Petition.<Petition>find("trackingNumber", trackingNumber).firstResult();
        // one comparison whatever was found: a request without a phone, or none at all, is compared with a
        // value no digits equal, so neither answers sooner than a wrong guess
        String last4 = p == null ? null : lastFourDigits(p.contactPhone);
        boolean match = MessageDigest.isEqual((last4 == null ? "----" : last4).getBytes(StandardCharsets.US_ASCII),
                phoneLast4.getBytes(StandardCharsets.US_ASCII));
        if (!match || last4 == null) {
            return Optional.empty();
        }
        return Optional.of(TrackedRequest.of(
                mapper.toView(p, TimelineEntry.list("petitionId = ?1 order by occurredAt, id", p.id), true)));
    }

    /** The last four digits of a phone as written (138-1234-5678, 023 1234 5678), or null when it has fewer. */
    static String lastFourDigits(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() < 4 ? null : digits.substring(digits.length() - 4);
    }
}
