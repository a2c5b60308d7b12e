package org.minhu.petition.petition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.minhu.common.events.PetitionEvents;
import org.minhu.petition.caller.Caller;
import org.minhu.petition.catalogue.Catalogue;
import org.minhu.petition.catalogue.Category;
import org.minhu.petition.catalogue.Region;
import org.minhu.petition.metrics.PetitionMetrics;
import org.minhu.petition.config.PetitionConfig;
import org.minhu.common.time.ChinaTime;
import org.minhu.common.outbox.Outbox;
import org.minhu.common.privacy.PersonalData;
import org.minhu.common.events.Topics;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;

/** Intake (受理) and the petitioner's view of their requests. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class PetitionService {

    private final Catalogue catalogue;
    private final TrackingNumbers trackingNumbers;
    private final PetitionMapper mapper;
    private final Outbox outbox;
    private final Event<PetitionMetrics.Filed> filed;
    private final PetitionConfig config;
    private final org.minhu.petition.attachment.AttachmentService attachments;
    private final org.minhu.petition.similar.SimilarRequests similar;

    public PetitionService(Catalogue catalogue, TrackingNumbers trackingNumbers, PetitionMapper mapper, Outbox outbox,
                           Event<PetitionMetrics.Filed> filed, PetitionConfig config,
                           org.minhu.petition.attachment.AttachmentService attachments,
                           org.minhu.petition.similar.SimilarRequests similar) {
        this.attachments = attachments;
        this.similar = similar;
        this.filed = filed;
        this.config = config;
        this.catalogue = catalogue;
        this.trackingNumbers = trackingNumbers;
        this.mapper = mapper;
        this.outbox = outbox;
    }

    /**
     * Accepts a request: the petition row and its {@code petition.submitted} event commit
     * together. {@code beforeCommit} runs inside the same transaction with the answer (the
     * idempotency record uses it).
     */
    public PetitionViews.PetitionView submit(Caller caller, NewPetition request,
                                             Consumer<PetitionViews.PetitionView> beforeCommit) {
        Category category = catalogue.category(request.categoryCode())
                .orElseThrow(() -> ProblemException.unknownValue("categoryCode", request.categoryCode(), "unknown category"));
        Region region = catalogue.region(request.regionCode())
                .orElseThrow(() -> ProblemException.unknownValue("regionCode", request.regionCode(), "unknown region"));
        if (!Region.DISTRICT.equals(region.level)) {
            throw ProblemException.unknownValue("regionCode", request.regionCode(),
                    "not a district-level region (give the district here and the town in townCode)");
        }
        Region town = null;
        if (request.townCode() != null) {
            town = catalogue.region(request.townCode())
                    .orElseThrow(() -> ProblemException.unknownValue("townCode", request.townCode(), "unknown town or street"));
            if (!region.code.equals(town.parentCode)) {
                throw ProblemException.unknownValue("townCode", request.townCode(),
                        "not a town or street of region " + region.code);
            }
        }
        checkLocation(request.location());
        if (request.contact().nameHidden() && !category.nameHideable) {
            throw ProblemException.unknownValue("contact.hideName", "true", "category " + category.code
                    + " does not allow hiding the name: the unit cannot handle it without knowing who asks");
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Petition p = new Petition();
        p.id = UUID.randomUUID();
        p.trackingNumber = trackingNumbers.next(now);
        p.petitionerId = caller.subject();
        p.title = request.title().strip();
        p.description = request.description().strip();
        p.categoryCode = category.code;
        p.regionCode = region.code;
        p.townCode = town == null ? null : town.code;
        if (request.location() != null) {
            p.latitude = request.location().latitude();
            p.longitude = request.location().longitude();
            p.address = blankToNull(request.location().address());
        }
        p.channel = request.channel();
        p.contactName = request.contact().name().strip();
        p.contactPhone = request.contact().phone().strip();
        p.nameHidden = request.contact().nameHidden();
        p.status = PetitionStatus.SUBMITTED;
        p.submittedAt = now;
        p.updatedAt = now;
        p.persist();

        outbox.append(Topics.PETITION_EVENTS, PetitionEvents.SUBMITTED, p.id.toString(), now,
                mapper.toSubmittedEvent(p, category));
        filed.fire(new PetitionMetrics.Filed(p.channel == null ? "unknown" : p.channel.wire(), category.code));

        PetitionViews.PetitionView view = mapper.toView(p, List.of());
        if (beforeCommit != null) {
            beforeCommit.accept(view);
        }
        return view;
    }

    /**
     * The petition with its timeline, if the caller may read it: its petitioner; an auditor any, masked;
     * staff of the unit that handles it now or co-handles it ({@link Caller#handles}) or supervises its
     * overdue case ({@link Caller#supervises}); the governance
     * centre of its region, or the city's ({@link Caller#governs}). Staff see it unmasked, contact
     * included (they call the petitioner back). Anyone else: empty, as for an unknown id.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PetitionViews.PetitionView> find(Caller caller, UUID id) {
        return Petition.<Petition>findByIdOptional(id)
                .filter(p -> mayRead(caller, p))
                .map(p -> mapper.toView(p, TimelineEntry.list("petitionId = ?1 order by occurredAt, id", p.id), caller.auditor(),
                        p.nameHidden && !mayReadHiddenName(caller, p), allowedActions(caller, p),
                        attachments.views(p.id, caller.auditor()), similar.count(p.id)));
    }

    /** A hidden name is seen by its petitioner and the governance centres over the request, nobody else. */
    static boolean mayReadHiddenName(Caller caller, Petition p) {
        return caller.staff() ? caller.governs(p.regionCode) : !caller.auditor() && p.petitionerId.equals(caller.subject());
    }

    /** Statuses in which the petitioner may still add information: until the request is answered or ends. */
    private static final Set<PetitionStatus> ADDABLE = EnumSet.complementOf(EnumSet.of(PetitionStatus.ANSWERED,
            PetitionStatus.RATED, PetitionStatus.CLOSED, PetitionStatus.REJECTED, PetitionStatus.WITHDRAWN,
            PetitionStatus.HANDED_OFF));

    /** Whether the petitioner may still add information (and attachments) to a request in this status. */
    public static boolean acceptsAdditions(PetitionStatus status) {
        return ADDABLE.contains(status);
    }

    public static final String ADD_INFORMATION = "add-information";
    public static final String WITHDRAW = "withdraw";

    /**
     * What the petitioner may do now, as far as this service knows: add information until the request is
     * answered; withdraw while it waits for a unit to sign (assignment-service decides, and answers 409 when a
     * unit signed a moment ago). Nobody else acts on a request here.
     */
    static List<String> allowedActions(Caller caller, Petition p) {
        if (caller.staff() || caller.auditor() || !p.petitionerId.equals(caller.subject())) {
            return List.of();
        }
        List<String> actions = new ArrayList<>(2);
        if (ADDABLE.contains(p.status)) {
            actions.add(ADD_INFORMATION);
        }
        if (p.status == PetitionStatus.ASSIGNED || p.status == PetitionStatus.RETURNED) {
            actions.add(WITHDRAW);
        }
        return actions;
    }

    /**
     * 补充诉求: the petitioner adds information to their request until it is answered. The addition is
     * a timeline entry and a {@code petition.information-added} event (assignment-service puts it in the
     * case history), committed together. {@code beforeCommit} runs inside the same transaction with the answer.
     */
    public PetitionViews.AdditionView addInformation(Caller caller, UUID id, String text,
                                                     Consumer<PetitionViews.AdditionView> beforeCommit) {
        // locked: two additions at once count against the limit one after the other
        Petition p = Petition.<Petition>findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.petitionerId.equals(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("No request " + id));
        if (!ADDABLE.contains(p.status)) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "Request " + p.trackingNumber + " is "
                    + p.status + ": information can be added until it is answered. File a new request, or rate the answer "
                    + "to have it handled again."));
        }
        long count = TimelineEntry.count("petitionId = ?1 and kind = ?2", p.id, TimelineEntry.ADDITION);
        if (count >= config.additions().max()) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "Request " + p.trackingNumber + " already has "
                    + count + " additions, the most it may have"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TimelineEntry entry = new TimelineEntry();
        entry.petitionId = p.id;
        entry.kind = TimelineEntry.ADDITION;
        entry.status = p.status;
        entry.occurredAt = now;
        entry.actorType = "CITIZEN";
        entry.note = text.strip();
        entry.persist();
        p.updatedAt = now;
        outbox.append(Topics.PETITION_EVENTS, PetitionEvents.INFORMATION_ADDED, p.id.toString(), now,
                new PetitionEvents.InformationAdded(p.id, entry.id, entry.note, ChinaTime.of(now)));
        PetitionViews.AdditionView view = new PetitionViews.AdditionView(entry.id, p.id, entry.note, ChinaTime.of(now));
        if (beforeCommit != null) {
            beforeCommit.accept(view);
        }
        return view;
    }

    /** Who may read a request, and so its attachments' list (the attachments' content has one more rule for auditors). */
    public static boolean mayRead(Caller caller, Petition p) {
        if (caller.staff()) {
            return caller.handles(p.handlingUnitId, p.coUnitIds) || caller.supervises(p.supervisingUnitId)
                    || caller.governs(p.regionCode);
        }
        return caller.auditor() || p.petitionerId.equals(caller.subject());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PetitionViews.PetitionPage list(Caller caller, PetitionQuery query) {
        if (caller.auditor() && PersonalData.probes(query.text())) {
            // an auditor reads everyone's requests: a search by phone, ID number or e-mail would find a person's
            throw ProblemException.invalidParameter("q", "auditors may not search by personal data (a phone or ID number, "
                    + "an e-mail or street address, or five or more digits in a row)");
        }
        List<Petition> rows = query.find(caller.auditor() ? null : caller.subject());
        boolean more = rows.size() > query.limit();
        List<Petition> page = more ? rows.subList(0, query.limit()) : rows;
        List<PetitionViews.PetitionSummary> items = new ArrayList<>(page.size());
        page.forEach(p -> items.add(mapper.toSummary(p, caller.auditor())));
        String next = more ? PetitionQuery.cursorAfter(page.get(page.size() - 1)) : null;
        return new PetitionViews.PetitionPage(items, query.limit(), next);
    }

    private static void checkLocation(NewPetition.Location location) {
        if (location == null) {
            return;
        }
        BigDecimal lat = location.latitude();
        BigDecimal lon = location.longitude();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (lat == null && lon != null) {
            errors.add(new Problem.FieldError("location.latitude", "is required when longitude is given"));
        }
        if (lon == null && lat != null) {
            errors.add(new Problem.FieldError("location.longitude", "is required when latitude is given"));
        }
        if (lat == null && lon == null && blankToNull(location.address()) == null) {
            errors.add(new Problem.FieldError("location", "give latitude and longitude, or an address, or leave location out"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "Invalid value for: location").withErrors(errors));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
