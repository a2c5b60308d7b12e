-- Open311 GeoReport v2: client applications registered by an administrator, each with an API key.
-- Only the key's SHA-256 is kept (the key is 256 random bits, so a fast hash is enough); the key
-- itself is shown once, when it is issued.
CREATE TABLE open311_client (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    key_hash    text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    revoked_at  timestamptz
);

-- The client application a request was filed through: an application reads back only its own.
ALTER TABLE petition ADD COLUMN open311_client_id uuid REFERENCES open311_client (id);
CREATE INDEX petition_by_open311_client ON petition (open311_client_id, submitted_at DESC) WHERE open311_client_id IS NOT NULL;

-- A photo or document the citizen's application points to (GeoReport v2 media_url).
ALTER TABLE petition ADD COLUMN media_url text;
