-- 重复诉求提示 and 附议. Before filing, a citizen is shown the open requests that look like theirs
-- (same category, same town or region or within a radius, filed in the last days); they may say "I have
-- this too" (附议) instead of filing again. How near and how recent counts as "the same" depends on the
-- category: a burst water main or a power cut concerns a whole neighbourhood, a clinic's shortage a town.
ALTER TABLE category ADD COLUMN similar_radius_m integer NOT NULL DEFAULT 500 CHECK (similar_radius_m BETWEEN 1 AND 50000);
ALTER TABLE category ADD COLUMN similar_days integer NOT NULL DEFAULT 30 CHECK (similar_days BETWEEN 1 AND 365);
UPDATE category SET similar_radius_m = 2000, similar_days = 3 WHERE code IN ('water', 'power', 'gas');

-- One row per citizen who supports a request (附议); the count is what readers see, never who.
CREATE TABLE petition_supporter (
    petition_id  uuid NOT NULL REFERENCES petition (id),
    citizen      text NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (petition_id, citizen)
);
CREATE INDEX petition_supporter_by_citizen ON petition_supporter (citizen, created_at DESC, petition_id DESC);

-- The candidates of a similarity search: one category, newest first.
CREATE INDEX petition_by_category_submitted ON petition (category_code, submitted_at DESC);
