-- The rating round feedback-service opened for the latest answer (its round-opened event): shown to
-- the citizen as the rating deadline, and read by the reconciliation, which publishes the petition
-- again when an answer has had no round for a while (feedback-service may never have seen it).
ALTER TABLE petition
    ADD COLUMN rating_answer_at timestamptz,
    ADD COLUMN rating_closes_at timestamptz;
CREATE INDEX petition_answered_waiting_for_round ON petition (answered_at) WHERE status = 'ANSWERED';
