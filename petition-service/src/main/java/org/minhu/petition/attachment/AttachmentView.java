package org.minhu.petition.attachment;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.minhu.petition.catalogue.CatalogueViews;

/** An attachment's metadata, with where to download it. */
@Schema(name = "Attachment", description = "A photo or PDF attached to a request (附件), to one of its additions, or the "
        + "handling unit's evidence (办结材料)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttachmentView(
        UUID id,
        @Schema(description = "The file's name as uploaded, sanitised; for display only", examples = "卫生院药房.jpg") String filename,
        @Schema(description = "Sniffed from the bytes: image/jpeg, image/png or application/pdf", examples = "image/jpeg") String contentType,
        @Schema(description = "Bytes stored (an image's after re-encoding without its metadata)", examples = "183204") long size,
        @Schema(description = "SHA-256 of the bytes stored, hex", examples = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
        OffsetDateTime createdAt,
        @Schema(description = "Where to download it (same access rules as the request)",
                examples = "/api/v1/petitions/0b5a2f4e-7c1d-4e8a-9b1f-3c2d1e0f9a87/attachments/6f1c2b8e-3d4a-4c55-9a61-2f0d7b9e1a10")
        String url,
        @Schema(description = "A small JPEG preview; images only") String thumbnailUrl,
        AttachmentKind kind,
        @Schema(description = "On ADDITION: the addition it belongs to (the additionId of its timeline entry)", examples = "42")
        Long additionId,
        @Schema(description = "On EVIDENCE: the unit that uploaded it (never a staff member)") CatalogueViews.Name uploaderUnit) {

    /** The same attachment under another file name (an auditor's, masked). */
    public AttachmentView withFilename(String name) {
        return new AttachmentView(id, name, contentType, size, sha256, createdAt, url, thumbnailUrl, kind, additionId, uploaderUnit);
    }
}
