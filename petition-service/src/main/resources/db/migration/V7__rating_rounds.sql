-- The rating round feedback-service opened for the latest answer (its round-opened event): shown to
-- the citizen as the rating deadline, and read by the reconciliation, which publishes the petition
-- again when an answer has had no round for a while (feedback-service may never have seen it).
ALTER TABLE petition
    ADD COLUMN rating_answer_at timestamptz,
    ADD COLUMN rating_closes_at timestamptz;
CREATE INDEX petition_answered_waiting_for_round ON petition (answered_at) WHERE status = 'ANSWERED';
-- The latest answer round (reopenCount + 1, from case.answered) and the latest rating outcome that did
-- not reopen the case (RATED or CLOSED, and its round, from feedback-service). The two arrive on
-- different topics in either order (a restarted service reads both backlogs at once): an answer whose
-- round already has its outcome shows that outcome, not ANSWERED.
ALTER TABLE petition
    ADD COLUMN answer_round  int,
    ADD COLUMN outcome_round int,
    ADD COLUMN outcome       text;
