-- 补充诉求: the petitioner's additions are timeline entries of their own kind. They change no status
-- (their status column repeats the petition's status at the time).
ALTER TABLE petition_timeline ADD COLUMN kind text NOT NULL DEFAULT 'STATUS' CHECK (kind IN ('STATUS', 'ADDITION'));
CREATE INDEX petition_timeline_additions ON petition_timeline (petition_id) WHERE kind = 'ADDITION';
