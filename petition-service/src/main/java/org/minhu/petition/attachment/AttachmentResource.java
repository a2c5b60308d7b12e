package org.minhu.petition.attachment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemResponses;
import org.minhu.common.problem.ProblemType;
import org.minhu.petition.caller.Caller;
import org.minhu.petition.caller.CallerIdentity;

// a token first: anonymous calls get 401 before any validation of what they sent
@io.quarkus.security.Authenticated
@Path("/api/v1/petitions/{id}/attachments")
@Tag(name = "Attachments", description = "Photos and PDFs attached to a request (附件)")
@APIResponse(responseCode = "401", description = "No caller identity",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such request (or attachment), or not one the caller may read",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AttachmentResource {

    /** How long a client should wait before trying again when the object store is away. */
    static final long RETRY_AFTER_SECONDS = 30;

    private final AttachmentService service;
    private final CallerIdentity identity;
    private final ProblemResponses problems;

    public AttachmentResource(AttachmentService service, CallerIdentity identity, ProblemResponses problems) {
        this.service = service;
        this.identity = identity;
        this.problems = problems;
    }

    /** The multipart form of an upload, for the OpenAPI document. */
    @Schema(name = "AttachmentUpload")
    public static class UploadForm {
        @RestForm("file")
        @Schema(type = SchemaType.STRING, format = "binary", description = "The photo (JPEG, PNG) or PDF, at most 10 MB")
        public FileUpload file;

        @RestForm(KIND_FIELD)
        @Schema(implementation = AttachmentKind.class, description = "What the file is attached to. Optional: a citizen's "
                + "file goes to the request (PETITION), or to an addition when additionId is given (ADDITION); a unit's "
                + "staff upload EVIDENCE only")
        public String kind;

        @RestForm(AttachmentService.ADDITION_FIELD)
        @Schema(type = SchemaType.INTEGER, format = "int64", description = "With kind ADDITION (or no kind): the addition "
                + "(补充诉求) of this request the file belongs to, as POST /api/v1/petitions/{id}/additions answered its id")
        public String additionId;
    }

    static final String KIND_FIELD = "kind";

    @POST
    @jakarta.annotation.security.RolesAllowed({"citizen", "unit_staff"})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach a photo or PDF: to my request or one of its additions (附件), or as the unit's evidence (办结材料)",
            description = "multipart/form-data with the field file, and optionally kind and additionId. "
                    + "The petitioner (role citizen) attaches to their request (kind PETITION, the default), at most "
                    + "minhu.petition.attachments.max-files (5), or to one of its additions (kind ADDITION with additionId, or "
                    + "just additionId), at most minhu.petition.attachments.max-addition-files (3) per addition; both until the "
                    + "request is answered. Staff of the unit leading the case (role unit_staff, the unit the request's latest "
                    + "case event names) upload evidence (kind EVIDENCE, their default) while the case is in their hands (not "
                    + "waiting for dispatch, not returned to the centre) and not yet answered, at most "
                    + "minhu.petition.attachments.max-evidence-files (5) per request; co-handling and supervising units read "
                    + "it only. Each file at most minhu.petition.attachments.max-bytes (10 MB). The type is read from the "
                    + "content, never from the file's name or Content-Type: JPEG, PNG or PDF. Photos are decoded and encoded "
                    + "again, so their EXIF data (GPS position, camera, time) is gone before anyone else can read them, and "
                    + "get a thumbnail; PDFs are stored as they are.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(responseCode = "201", description = "Attached",
            headers = @Header(name = "Location", description = "The attachment's download URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AttachmentView.class)))
    @APIResponse(responseCode = "400", description = "No file field, an empty file, an unknown kind, or an additionId that is not a "
            + "number, missing for kind ADDITION or given with another kind (errors name the field)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A kind the caller may not upload (a citizen's EVIDENCE, staff's PETITION or "
            + "ADDITION), evidence from a co-handling or supervising unit, or a staff token that names no unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The request is answered or has ended (for evidence also: not dispatched "
            + "yet, or returned to the governance centre), or has the most files of this kind it may have (errors name file)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The file is larger than the limit (errors name file)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The content is not JPEG, PNG or PDF (WebP and HEIC included), whatever its "
            + "name says, or an image that cannot be decoded (errors name file); or the body is not multipart/form-data",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "additionId names no addition of this request (errors name additionId)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The object store is unavailable: nothing was attached; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response upload(@PathParam("id") UUID id, @RestForm("file") FileUpload file, @RestForm(KIND_FIELD) String kind,
                           @RestForm(AttachmentService.ADDITION_FIELD) String additionId,
                           @jakarta.ws.rs.core.Context UriInfo uri) {
        Caller caller = identity.petitionReader();
        AttachmentService.Target target = target(caller, kind, additionId);
        service.checkMayAttach(caller, id, target);
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidParameter(AttachmentService.FIELD, "is required: the file, as a multipart/form-data part named file");
        }
        if (file.size() > service.maxBytes()) { // before the bytes are read into memory
            throw service.tooLarge();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new IllegalStateException("could not read the uploaded file", e);
        }
        AttachmentView view = service.attach(caller, id, target, new AttachmentService.Upload(bytes, file.fileName()));
        return Response.created(uri.getBaseUriBuilder().path(view.url()).build()).type(MediaType.APPLICATION_JSON)
                .entity(view).build();
    }

    /**
     * What the form asks to attach to, and whether this caller may send that kind at all: the petitioner's files are
     * theirs (a unit cannot add to what the citizen said), evidence is a unit's (a citizen's photo is not the unit's proof,
     * and a governance centre does not handle the case). Without kind: staff send EVIDENCE, a citizen ADDITION when
     * additionId is given, else PETITION.
     */
    static AttachmentService.Target target(Caller caller, String kindField, String additionField) {
        Long additionId = additionField == null || additionField.isBlank() ? null : positive(additionField.strip());
        AttachmentKind kind;
        if (kindField == null || kindField.isBlank()) {
            kind = caller.staff() ? AttachmentKind.EVIDENCE : additionId != null ? AttachmentKind.ADDITION : AttachmentKind.PETITION;
        } else {
            try {
                kind = AttachmentKind.valueOf(kindField.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidParameter(KIND_FIELD, "must be PETITION, ADDITION or EVIDENCE");
            }
        }
        if (kind == AttachmentKind.ADDITION && additionId == null) {
            throw ProblemException.invalidParameter(AttachmentService.ADDITION_FIELD, "is required with kind ADDITION: the "
                    + "addition the file belongs to");
        }
        if (kind != AttachmentKind.ADDITION && additionId != null) {
            throw ProblemException.invalidParameter(AttachmentService.ADDITION_FIELD, "is given only with kind ADDITION");
        }
        if (kind == AttachmentKind.EVIDENCE && caller.unitId() == null) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Evidence (办结材料) is uploaded by staff of the unit "
                    + "leading the case"));
        }
        if (kind != AttachmentKind.EVIDENCE && caller.staff()) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Files on the request and its additions are the "
                    + "petitioner's; a unit uploads evidence (kind EVIDENCE)"));
        }
        return kind == AttachmentKind.EVIDENCE ? AttachmentService.Target.EVIDENCE : additionId != null
                ? AttachmentService.Target.addition(additionId) : AttachmentService.Target.PETITION;
    }

    @GET
    @jakarta.annotation.security.RolesAllowed({"citizen", "auditor", "unit_staff", "governance"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The attachments of a request",
            description = "Every kind (the petitioner's on the request and on its additions, the units' evidence), each with its "
                    + "kind, oldest first: names, types, sizes and hashes, with download URLs. Who may: whoever may read the request "
                    + "(its petitioner, the unit handling, co-handling or supervising it, the governance centres over it, auditors).")
    @APIResponse(responseCode = "200", description = "Oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AttachmentView.class)))
    @APIResponse(responseCode = "403", description = "A staff token that names no unit, or a role that does not match its unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<AttachmentView> list(@PathParam("id") UUID id) {
        return service.list(identity.petitionReader(), id);
    }

    @GET
    @Path("/{attachmentId}")
    @jakarta.annotation.security.RolesAllowed({"citizen", "auditor", "unit_staff", "governance"})
    @Produces({"image/jpeg", "image/png", "application/pdf", Problem.MEDIA_TYPE})
    @Operation(summary = "Download an attachment",
            description = "The bytes as stored (a photo without its EXIF data), with the sniffed Content-Type; a PDF as a download "
                    + "(Content-Disposition: attachment), an image inline. Who may: as for the request, but auditors get 403 "
                    + "unless minhu.petition.attachments.auditors-read-content is on.")
    @APIResponse(responseCode = "200", description = "The file",
            headers = {@Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Content-Type-Options", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING))},
            content = {@Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "403", description = "An auditor (they see the list, not the content), or a staff token that names no unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The object store is unavailable; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response download(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        return file(service.content(identity.petitionReader(), id, attachmentId, false), false);
    }

    @GET
    @Path("/{attachmentId}/thumbnail")
    @jakarta.annotation.security.RolesAllowed({"citizen", "auditor", "unit_staff", "governance"})
    @Produces({"image/jpeg", Problem.MEDIA_TYPE})
    @Operation(summary = "An image attachment's thumbnail", description = "A JPEG at most 320 pixels on its longer side; the same rules as the download.")
    @APIResponse(responseCode = "200", description = "The thumbnail",
            content = @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "403", description = "An auditor, or a staff token that names no unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The object store is unavailable; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response thumbnail(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        return file(service.content(identity.petitionReader(), id, attachmentId, true), true);
    }

    private static Response file(AttachmentService.Content content, boolean thumbnail) {
        boolean inline = !FileTypes.PDF.equals(content.contentType());
        String name = thumbnail ? "thumbnail-" + content.filename() : content.filename();
        return Response.ok(content.bytes(), content.contentType())
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\"" + ascii(name)
                        + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    private static String ascii(String name) {
        return name.replaceAll("[^A-Za-z0-9._ ()-]", "_");
    }

    private static long positive(String additionField) {
        long id;
        try {
            id = Long.parseLong(additionField);
        } catch (NumberFormatException e) {
            id = 0;
        }
        if (id <= 0) {
            throw ProblemException.invalidParameter(AttachmentService.ADDITION_FIELD, "must be the id of an addition "
                    + "(a positive whole number)");
        }
        return id;
    }

    @ServerExceptionMapper
    public Response objectStoreUnavailable(ObjectStoreUnavailableException e, UriInfo uri) {
        return problems.toResponse(Problem.of(ProblemType.UNAVAILABLE, "Files cannot be stored or read right now (the object "
                + "store is unavailable); nothing was attached. Try again later.").withInstance(uri.getPath()), RETRY_AFTER_SECONDS);
    }
}
