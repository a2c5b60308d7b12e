-- 指派承办人: the staff member of the lead unit who handles the case (their subject), set by the unit's
-- staff. Internal to the units: in the case history, in no event. Cleared when the case goes to another
-- unit (dispatch, redispatch, transfer).
ALTER TABLE petition_case ADD COLUMN officer_id text;

CREATE INDEX case_by_officer ON petition_case (lead_unit_id, officer_id) WHERE officer_id IS NOT NULL;
