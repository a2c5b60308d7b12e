-- 附件: photos and PDFs attached to a request. The bytes are in the object store (bucket from
-- minhu.object-store.bucket, key <petition id>/<attachment id>, the thumbnail's <key>.thumbnail.jpg);
-- a row is written only after its object is stored, so a row never points at a missing object.
CREATE TABLE petition_attachment (
    id             uuid PRIMARY KEY,
    petition_id    uuid NOT NULL REFERENCES petition (id),
    owner_subject  text NOT NULL,
    filename       text NOT NULL CHECK (length(filename) BETWEEN 1 AND 120),
    content_type   text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size_bytes     bigint NOT NULL CHECK (size_bytes > 0),
    sha256         char(64) NOT NULL,
    object_key     text NOT NULL,
    thumbnail_key  text,
    created_at     timestamptz NOT NULL
);
CREATE INDEX petition_attachment_by_petition ON petition_attachment (petition_id, created_at, id);
