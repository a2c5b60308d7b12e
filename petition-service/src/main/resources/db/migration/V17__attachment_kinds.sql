-- 附件 beyond the request itself: the petitioner's files on an addition (补充诉求, the timeline entry of kind
-- ADDITION), and the evidence (办结材料) the unit leading the case uploads before it answers. The existing rows
-- are the petitioner's files on the request (PETITION). Each kind has its own limit, counted by kind (and per
-- addition), so the index on (petition_id, created_at, id) still serves the counts and lists.
ALTER TABLE petition_attachment
    ADD COLUMN kind text NOT NULL DEFAULT 'PETITION' CHECK (kind IN ('PETITION', 'ADDITION', 'EVIDENCE')),
    ADD COLUMN addition_id bigint REFERENCES petition_timeline (id),
    -- the unit that uploaded evidence, and its names as the request knew them then (the unit handling it)
    ADD COLUMN uploader_unit_id text,
    ADD COLUMN uploader_unit_name_zh text,
    ADD COLUMN uploader_unit_name_en text,
    ADD CONSTRAINT petition_attachment_addition_only CHECK ((kind = 'ADDITION') = (addition_id IS NOT NULL)),
    ADD CONSTRAINT petition_attachment_evidence_unit CHECK ((kind = 'EVIDENCE') = (uploader_unit_id IS NOT NULL));
CREATE INDEX petition_attachment_by_addition ON petition_attachment (addition_id) WHERE addition_id IS NOT NULL;
