-- The unit supervising an overdue case (督办: the lead unit's parent, or the region's governance
-- centre), as the case events' escalatedTo says: its staff may read the request they supervise, as
-- they see its case in assignment-service. Cleared (null) when the case leaves supervision.
ALTER TABLE petition ADD COLUMN supervising_unit_id text;
