-- 不予受理 and hand-off: the governance centre closes a case without an answer, either refusing the
-- request as out of remit (with the legal route to take instead) or handing it to an emergency
-- service or a utility's own hotline. The case keeps what was decided, and when.
ALTER TABLE petition_case
    ADD COLUMN closed_at        timestamptz,
    ADD COLUMN closure_code     text,
    ADD COLUMN closure_route    text,
    ADD COLUMN closure_note     text;
