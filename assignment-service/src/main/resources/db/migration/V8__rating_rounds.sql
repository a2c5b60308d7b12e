-- The rating round feedback-service opened for the case's latest answer (its round-opened event),
-- and when the reconciliation last published that answer again because no round had come.
ALTER TABLE petition_case
    ADD COLUMN rating_round_opened   int NOT NULL DEFAULT 0,
    ADD COLUMN answer_republished_at timestamptz;
CREATE INDEX case_answered_waiting_for_round ON petition_case (answered_at) WHERE status = 'ANSWERED';
