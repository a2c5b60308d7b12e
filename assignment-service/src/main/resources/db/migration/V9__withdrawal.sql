-- 撤回: the petitioner withdrew the request before a unit signed for it. The case keeps why and
-- when, so that a repeated withdrawal answers what the first one did.
ALTER TABLE petition_case
    ADD COLUMN withdrawn_at            timestamptz,
    ADD COLUMN withdrawal_reason_code  text CHECK (withdrawal_reason_code IN ('RESOLVED', 'FILED_BY_MISTAKE', 'DUPLICATE', 'OTHER')),
    ADD COLUMN withdrawal_reason       text;
