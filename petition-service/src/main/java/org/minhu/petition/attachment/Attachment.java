package org.minhu.petition.attachment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One file attached to a request: its metadata; the bytes are in the object store under {@link #objectKey}. */
@Entity
@Table(name = "petition_attachment")
public class Attachment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "petition_id")
    public UUID petitionId;

    /** What it is attached to: the request, one of its additions, or the leading unit's evidence. */
    @Enumerated(EnumType.STRING)
    public AttachmentKind kind = AttachmentKind.PETITION;

    /** The addition (its timeline entry's id) an {@link AttachmentKind#ADDITION} file belongs to. */
    @Column(name = "addition_id")
    public Long additionId;

    /** The unit that uploaded {@link AttachmentKind#EVIDENCE}, and its names when it did. */
    @Column(name = "uploader_unit_id")
    public String uploaderUnitId;

    @Column(name = "uploader_unit_name_zh")
    public String uploaderUnitNameZh;

    @Column(name = "uploader_unit_name_en")
    public String uploaderUnitNameEn;

    /** Who uploaded it (the token's subject): the petitioner, or for evidence a staff member (never shown). */
    @Column(name = "owner_subject")
    public String ownerSubject;

    /** The name the file had, sanitised, for display only (never a path, never used to decide its type). */
    public String filename;

    /** Sniffed from the bytes. */
    @Column(name = "content_type")
    public String contentType;

    /** Of the stored bytes (an image's after re-encoding). */
    @Column(name = "size_bytes")
    public long size;

    @Column(name = "sha256")
    public String sha256;

    @Column(name = "object_key")
    public String objectKey;

    @Column(name = "thumbnail_key")
    public String thumbnailKey;

    @Column(name = "created_at")
    public Instant createdAt;

    public static List<Attachment> of(UUID petitionId) {
        return list("petitionId = ?1 order by createdAt, id", petitionId);
    }
}
