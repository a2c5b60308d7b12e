-- Which unit handles each petition now (the case's lead unit) and its co-handling units (协办), as the
-- case events say: staff of those units may read the request they handle (GET /api/v1/petitions/{id}).
-- Kept by the case events' consumer in the transaction that records the event. Petitions dispatched
-- before this version learn their unit at their case's next event.
ALTER TABLE petition
    ADD COLUMN handling_unit_id text,
    ADD COLUMN co_unit_ids      text[] NOT NULL DEFAULT '{}';
