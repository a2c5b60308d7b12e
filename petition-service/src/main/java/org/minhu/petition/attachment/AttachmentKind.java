package org.minhu.petition.attachment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a file is attached to, and so who uploaded it and which limit it counts against. */
@Schema(name = "AttachmentKind", description = "PETITION: the petitioner's file on the request itself; ADDITION: the "
        + "petitioner's file on one of their additions (补充诉求, additionId); EVIDENCE: the leading unit's evidence of how it "
        + "handled the request (办结材料, uploaderUnit)")
public enum AttachmentKind {
    PETITION,
    ADDITION,
    EVIDENCE
}
