package org.minhu.petition.petition;

import org.minhu.common.events.PetitionEvents;
import org.minhu.common.privacy.PersonalData;
import org.minhu.common.time.ChinaTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.minhu.petition.attachment.AttachmentView;
import org.minhu.petition.catalogue.Catalogue;
import org.minhu.petition.catalogue.CatalogueViews;
import org.minhu.petition.catalogue.Category;
import org.minhu.petition.catalogue.Region;

/** Entities to API views. Times are shown in China Standard Time. */
@ApplicationScoped
public class PetitionMapper {

    private final Catalogue catalogue;

    public PetitionMapper(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public PetitionViews.PetitionView toView(Petition p, List<TimelineEntry> later) {
        return toView(p, later, false);
    }

    /**
     * With {@code masked}, as an auditor sees it: name and phone masked, no address text, and
     * personal data typed into the title, description, reply and timeline notes masked too
     * ({@link PersonalData}).
     */
    public PetitionViews.PetitionView toView(Petition p, List<TimelineEntry> later, boolean masked) {
        return toView(p, later, masked, false);
    }

    /** With {@code nameWithheld}, the contact has no name: the petitioner hid it from this caller. */
    public PetitionViews.PetitionView toView(Petition p, List<TimelineEntry> later, boolean masked, boolean nameWithheld) {
        return toView(p, later, masked, nameWithheld, List.of(), null, 0);
    }

    /**
     * The one place a {@link PetitionViews.PetitionView} is built: with what the caller may do now
     * ({@code allowedActions}), the request's {@code attachments} of every kind (null: not listed; each goes where it
     * belongs: the request's own, the evidence, an addition's on its timeline entry) and how many support it (附议).
     */
    public PetitionViews.PetitionView toView(Petition p, List<TimelineEntry> later, boolean masked, boolean nameWithheld,
                                             List<String> allowedActions, List<AttachmentView> attachments, long supporters) {
        List<AttachmentView> own = attachments == null ? null : new ArrayList<>();
        List<AttachmentView> evidence = attachments == null ? null : new ArrayList<>();
        Map<Long, List<AttachmentView>> byAddition = new HashMap<>();
        if (attachments != null) {
            for (AttachmentView a : attachments) {
                switch (a.kind()) {
                    case PETITION -> own.add(a);
                    case EVIDENCE -> evidence.add(a);
                    case ADDITION -> byAddition.computeIfAbsent(a.additionId(), id -> new ArrayList<>()).add(a);
                }
            }
        }
        List<PetitionViews.TimelineView> timeline = new ArrayList<>(later.size() + 1);
        timeline.add(new PetitionViews.TimelineView(PetitionStatus.SUBMITTED, ChinaTime.of(p.submittedAt), "CITIZEN", null,
                "Submitted via " + p.channel.wire(), TimelineEntry.STATUS, null, null, null, null));
        for (TimelineEntry e : later) {
            boolean addition = TimelineEntry.ADDITION.equals(e.kind);
            timeline.add(new PetitionViews.TimelineView(e.status, ChinaTime.of(e.occurredAt), e.actorType, e.actorName,
                    masked ? PersonalData.mask(e.note) : e.note, e.kind, e.reasonCode, e.route, addition ? e.id : null,
                    addition && attachments != null ? byAddition.getOrDefault(e.id, List.of()) : null));
        }
        PetitionViews.LocationView location = p.latitude == null && p.address == null ? null
                : masked ? new PetitionViews.LocationView(null, null, null)
                : new PetitionViews.LocationView(p.latitude, p.longitude, p.address);
        return new PetitionViews.PetitionView(p.id, p.trackingNumber, p.status, text(p.title, masked), text(p.description, masked),
                category(p.categoryCode), region(p.regionCode), region(p.townCode), location, p.channel,
                new PetitionViews.ContactView(nameWithheld ? null : masked ? Masking.name(p.contactName) : p.contactName,
                        masked ? Masking.phone(p.contactPhone) : p.contactPhone, p.nameHidden),
                ChinaTime.of(p.submittedAt), ChinaTime.of(p.updatedAt), unit(p), ChinaTime.of(p.answerDeadline), text(p.reply, masked),
                ChinaTime.of(p.answeredAt), ratingOpenUntil(p), timeline, allowedActions, own,
                evidence, supporters);
    }

    public PetitionViews.PetitionSummary toSummary(Petition p) {
        return toSummary(p, false);
    }

    /** With {@code masked}, as an auditor sees it: personal data typed into the title masked. */
    public PetitionViews.PetitionSummary toSummary(Petition p, boolean masked) {
        return new PetitionViews.PetitionSummary(p.id, p.trackingNumber, p.status, text(p.title, masked),
                category(p.categoryCode), region(p.regionCode), region(p.townCode), p.channel,
                ChinaTime.of(p.submittedAt), ChinaTime.of(p.updatedAt), unit(p));
    }

    private static String text(String text, boolean masked) {
        return masked ? PersonalData.mask(text) : text;
    }

    private static CatalogueViews.Name unit(Petition p) {
        return p.unitNameZh == null ? null : new CatalogueViews.Name(p.unitNameZh, p.unitNameEn);
    }

    public PetitionEvents.Submitted toSubmittedEvent(Petition p, Category category) {
        return new PetitionEvents.Submitted(p.id, p.trackingNumber, p.petitionerId, p.title, p.description,
                p.categoryCode, category.handling, p.regionCode, p.townCode, p.latitude, p.longitude,
                p.address != null, p.channel.wire(), ChinaTime.of(p.submittedAt));
    }


    private CatalogueViews.Ref category(String code) {
        return catalogue.category(code).map(CatalogueViews.Ref::of).orElse(new CatalogueViews.Ref(code, null));
    }

    private CatalogueViews.Ref region(String code) {
        if (code == null) {
            return null;
        }
        return catalogue.region(code).map(r -> CatalogueViews.Ref.of((Region) r)).orElse(new CatalogueViews.Ref(code, null));
    }

    /** The rating window of the latest answer, while the petition waits for its rating. */
    private static java.time.OffsetDateTime ratingOpenUntil(Petition p) {
        boolean forLatestAnswer = p.ratingAnswerAt != null && p.answeredAt != null && !p.ratingAnswerAt.isBefore(p.answeredAt);
        return p.status == PetitionStatus.ANSWERED && forLatestAnswer ? ChinaTime.of(p.ratingClosesAt) : null;
    }
}
