-- Reconciliation: petitions still waiting for a case, and when their submitted event was last
-- published again. The partial index keeps the job's look-up to the few petitions not yet assigned.
ALTER TABLE petition ADD COLUMN republished_at timestamptz;
CREATE INDEX petition_waiting_for_case ON petition (submitted_at) WHERE status = 'SUBMITTED';
