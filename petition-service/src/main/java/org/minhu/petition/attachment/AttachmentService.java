package org.minhu.petition.attachment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.time.ChinaTime;
import org.minhu.petition.caller.Caller;
import org.minhu.petition.catalogue.CatalogueViews;
import org.minhu.petition.config.PetitionConfig;
import org.minhu.petition.petition.Petition;
import org.minhu.petition.petition.PetitionService;
import org.minhu.petition.petition.PetitionStatus;
import org.minhu.petition.petition.TimelineEntry;

/**
 * 附件: the petitioner attaches photos and PDFs to their request, and to its additions (补充诉求), until it is answered;
 * staff of the unit leading the case attach evidence (办结材料) while the case is in its hands and not yet answered. Each
 * kind has its own limit. Whoever may read the request lists them all and (auditors only where
 * {@code minhu.petition.attachments.auditors-read-content}) downloads them. Every kind takes the same path: the type
 * sniffed from the bytes, images cleaned of their metadata, the object stored first and its row written after: a row
 * never points at a missing object; a failed row insert leaves an orphan object, deleted when possible, harmless when not.
 */
@ApplicationScoped
public class AttachmentService {

    public static final String FIELD = "file";
    public static final String ADDITION_FIELD = "additionId";

    private final ObjectStorage storage;
    private final ImageCleaner images;
    private final PetitionConfig.Attachments limits;

    public AttachmentService(ObjectStorage storage, ImageCleaner images, PetitionConfig config) {
        this.storage = storage;
        this.images = images;
        this.limits = config.attachments();
    }

    /** A file as received: its bytes and the name the client gave it (for display only). */
    public record Upload(byte[] bytes, String filename) {
    }

    /** What a download answers: the stored bytes and how to present them. */
    public record Content(byte[] bytes, String contentType, String filename) {
    }

    /** What a file is attached to: the request, one of its additions ({@code additionId}), or the unit's evidence. */
    public record Target(AttachmentKind kind, Long additionId) {
        public static final Target PETITION = new Target(AttachmentKind.PETITION, null);
        public static final Target EVIDENCE = new Target(AttachmentKind.EVIDENCE, null);

        public static Target addition(long additionId) {
            return new Target(AttachmentKind.ADDITION, additionId);
        }
    }

    /** Checks that the caller may attach to this request now, before the file is looked at. */
    @Transactional
    public void checkMayAttach(Caller caller, UUID petitionId, Target target) {
        admit(caller, petitionId, target, false);
    }

    public AttachmentView attach(Caller caller, UUID petitionId, Target target, Upload upload) {
        if (upload.bytes().length == 0) {
            throw fieldProblem(ProblemType.VALIDATION, "The file is empty");
        }
        if (upload.bytes().length > limits.maxBytes()) {
            throw tooLarge();
        }
        String type = FileTypes.accepted(upload.bytes()).orElseThrow(() -> fieldProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "The file is " + FileTypes.describe(upload.bytes()) + "; accepted are " + FileTypes.ACCEPTED
                        + " (the type is read from the file's content, not its name)"));
        byte[] stored = upload.bytes();
        byte[] thumbnail = null;
        if (!FileTypes.PDF.equals(type)) {
            try {
                ImageCleaner.Cleaned cleaned = images.clean(upload.bytes(), type);
                stored = cleaned.image();
                thumbnail = cleaned.thumbnail();
            } catch (ImageCleaner.UnreadableImageException e) {
                throw fieldProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The file looks like " + type + " but " + e.getMessage()
                        + "; accepted are " + FileTypes.ACCEPTED);
            }
        }
        UUID id = UUID.randomUUID();
        String key = petitionId + "/" + id;
        String thumbnailKey = thumbnail == null ? null : key + ".thumbnail.jpg";
        // the objects first: a row is written only for bytes that are stored
        storage.put(key, stored, type);
        if (thumbnail != null) {
            storage.put(thumbnailKey, thumbnail, FileTypes.JPEG);
        }
        try {
            return record(caller, petitionId, target, id, Filenames.sanitise(upload.filename()), type, stored, key, thumbnailKey);
        } catch (RuntimeException e) {
            storage.deleteQuietly(key);
            if (thumbnailKey != null) {
                storage.deleteQuietly(thumbnailKey);
            }
            throw e;
        }
    }

    @Transactional
    AttachmentView record(Caller caller, UUID petitionId, Target target, UUID id, String filename, String type, byte[] stored,
                          String key, String thumbnailKey) {
        // locked, and checked again: two uploads at once count against the limit one after the other, and the
        // request may have been answered (or the case transferred) while the bytes were stored
        Petition p = admit(caller, petitionId, target, true);
        Attachment a = new Attachment();
        a.id = id;
        a.petitionId = p.id;
        a.kind = target.kind();
        a.additionId = target.additionId();
        if (target.kind() == AttachmentKind.EVIDENCE) {
            a.uploaderUnitId = caller.unitId();
            a.uploaderUnitNameZh = p.unitNameZh;
            a.uploaderUnitNameEn = p.unitNameEn;
        }
        a.ownerSubject = caller.subject();
        a.filename = filename;
        a.contentType = type;
        a.size = stored.length;
        a.sha256 = sha256(stored);
        a.objectKey = key;
        a.thumbnailKey = thumbnailKey;
        a.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        a.persist();
        return view(a);
    }

    /**
     * Whether {@code caller} may attach a file of {@code target}'s kind to the request now; the request, or a problem.
     * The petitioner's files (on the request or an addition of it): their own request (404 otherwise), until it is answered
     * (409), within the kind's limit (409). Evidence: a unit's staff whose unit may read the request (404 otherwise), the
     * unit leading its case (403 for a co-handling or supervising unit, which read only), while the case is in its hands
     * and not answered (409), within the evidence limit (409). Who may send which kind is the resource's first check.
     */
    private Petition admit(Caller caller, UUID petitionId, Target target, boolean lock) {
        Optional<Petition> found = lock ? Petition.findByIdOptional(petitionId, LockModeType.PESSIMISTIC_WRITE)
                : Petition.findByIdOptional(petitionId);
        if (target.kind() == AttachmentKind.EVIDENCE) {
            Petition p = found.filter(r -> caller.unitId() != null && PetitionService.mayRead(caller, r))
                    .orElseThrow(() -> ProblemException.notFound("No request " + petitionId));
            if (!caller.unitId().equals(p.handlingUnitId)) {
                throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Evidence is uploaded by the unit leading the case of "
                        + p.trackingNumber + "; co-handling and supervising units read it"));
            }
            if (!inUnitsHands(p.status)) {
                throw new ProblemException(Problem.of(ProblemType.CONFLICT, "Request " + p.trackingNumber + " is " + p.status
                        + ": evidence can be uploaded while the case is in the unit's hands, before it is answered"));
            }
            long count = Attachment.count("petitionId = ?1 and kind = ?2", p.id, AttachmentKind.EVIDENCE);
            checkLimit(count, limits.maxEvidenceFiles(), "Request " + p.trackingNumber + " already has " + count
                    + " evidence files, the most it may have", "evidence files per request");
            return p;
        }
        Petition p = found.filter(r -> r.petitionerId.equals(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("No request " + petitionId));
        checkOpen(p);
        if (target.kind() == AttachmentKind.ADDITION) {
            long additions = TimelineEntry.count("id = ?1 and petitionId = ?2 and kind = ?3", target.additionId(), p.id,
                    TimelineEntry.ADDITION);
            if (additions == 0) {
                throw ProblemException.unknownValue(ADDITION_FIELD, String.valueOf(target.additionId()),
                        "not an addition of request " + p.trackingNumber);
            }
            long count = Attachment.count("additionId", target.additionId());
            checkLimit(count, limits.maxAdditionFiles(), "Addition " + target.additionId() + " already has " + count
                    + " attachments, the most it may have", "files per addition");
        } else {
            long count = Attachment.count("petitionId = ?1 and kind = ?2", p.id, AttachmentKind.PETITION);
            checkLimit(count, limits.maxFiles(), "Request " + p.trackingNumber + " already has " + count
                    + " attachments, the most it may have", "files per request");
        }
        return p;
    }

    /** The unit leading the case holds it: dispatched to it and not returned to the centre, not answered, not ended. */
    private static boolean inUnitsHands(PetitionStatus status) {
        return PetitionService.acceptsAdditions(status) && status != PetitionStatus.SUBMITTED && status != PetitionStatus.RETURNED;
    }

    /** The attachments of a request the caller may read; 404 for one they may not, as for the request. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AttachmentView> list(Caller caller, UUID petitionId) {
        readable(caller, petitionId);
        return views(petitionId, caller.auditor());
    }

    /**
     * The attachments of a request whose reading was checked already (the request's own view); {@code masked}: as an
     * auditor sees them, personal data typed into a file name masked like any text.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AttachmentView> views(UUID petitionId, boolean masked) {
        return Attachment.of(petitionId).stream().map(a -> {
            AttachmentView v = view(a);
            return masked ? v.withFilename(org.minhu.common.privacy.PersonalData.mask(v.filename())) : v;
        }).toList();
    }

    /** Each request's first attachment of its petitioner's on the request itself (Open311's media_url), for those that have one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Map<UUID, String> firstUrls(java.util.Collection<UUID> petitionIds) {
        java.util.Map<UUID, String> first = new java.util.HashMap<>();
        if (petitionIds.isEmpty()) {
            return first;
        }
        Attachment.<Attachment>list("petitionId in ?1 and kind = ?2 order by createdAt desc, id desc", petitionIds,
                        AttachmentKind.PETITION)
                .forEach(a -> first.put(a.petitionId, url(a.petitionId, a.id))); // the oldest is put last
        return first;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Content content(Caller caller, UUID petitionId, UUID attachmentId, boolean thumbnail) {
        Attachment a = findReadable(caller, petitionId, attachmentId);
        if (thumbnail && a.thumbnailKey == null) {
            throw ProblemException.notFound("Attachment " + attachmentId + " has no thumbnail (only images have one)");
        }
        return thumbnail ? new Content(storage.get(a.thumbnailKey), FileTypes.JPEG, a.filename)
                : new Content(storage.get(a.objectKey), a.contentType, a.filename);
    }

    private Attachment findReadable(Caller caller, UUID petitionId, UUID attachmentId) {
        readable(caller, petitionId);
        Attachment a = Attachment.<Attachment>findByIdOptional(attachmentId).filter(found -> found.petitionId.equals(petitionId))
                .orElseThrow(() -> ProblemException.notFound("No attachment " + attachmentId + " on request " + petitionId));
        if (caller.auditor() && !limits.auditorsReadContent()) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Auditors see the attachments' list, not their "
                    + "content (photos and documents carry personal data that masking cannot reach)"));
        }
        return a;
    }

    private static void readable(Caller caller, UUID petitionId) {
        Petition.<Petition>findByIdOptional(petitionId).filter(p -> PetitionService.mayRead(caller, p))
                .orElseThrow(() -> ProblemException.notFound("No request " + petitionId));
    }

    private static void checkOpen(Petition p) {
        if (!PetitionService.acceptsAdditions(p.status)) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "Request " + p.trackingNumber + " is " + p.status
                    + ": files can be attached until it is answered"));
        }
    }

    private static void checkLimit(long count, int max, String detail, String what) {
        if (count >= max) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, detail).withErrors(List.of(new Problem.FieldError(FIELD,
                    "at most " + max + " " + what))));
        }
    }

    public long maxBytes() {
        return limits.maxBytes();
    }

    public ProblemException tooLarge() {
        return fieldProblem(ProblemType.PAYLOAD_TOO_LARGE, "The file is larger than " + (limits.maxBytes() / (1024 * 1024))
                + " MB");
    }

    private ProblemException fieldProblem(ProblemType type, String detail) {
        return new ProblemException(Problem.of(type, detail).withErrors(List.of(new Problem.FieldError(FIELD, detail))));
    }

    static AttachmentView view(Attachment a) {
        String url = url(a.petitionId, a.id);
        CatalogueViews.Name unit = a.uploaderUnitId == null ? null : a.uploaderUnitNameZh == null && a.uploaderUnitNameEn == null
                ? new CatalogueViews.Name(a.uploaderUnitId, a.uploaderUnitId) : new CatalogueViews.Name(a.uploaderUnitNameZh, a.uploaderUnitNameEn);
        return new AttachmentView(a.id, a.filename, a.contentType, a.size, a.sha256, ChinaTime.of(a.createdAt), url,
                a.thumbnailKey == null ? null : url + "/thumbnail", a.kind, a.additionId, unit);
    }

    static String url(UUID petitionId, UUID attachmentId) {
        return "/api/v1/petitions/" + petitionId + "/attachments/" + attachmentId;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
