-- A closing step's reason code and route on the timeline entry, so that a front-end shows them in
-- the citizen's language: the withdrawal's reason code; a refusal's (不予受理) reason code and the
-- legal route to take instead; a hand-off's target and the utility hotline's name.
ALTER TABLE petition_timeline
    ADD COLUMN reason_code text,
    ADD COLUMN route       text;
