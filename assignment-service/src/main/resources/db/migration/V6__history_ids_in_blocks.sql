-- History ids come from a sequence in blocks of 50, so a case's history rows are inserted at
-- flush with the rest of the transaction instead of one round trip each.
ALTER TABLE case_history ALTER COLUMN id DROP IDENTITY IF EXISTS;
CREATE SEQUENCE case_history_seq INCREMENT BY 50;
SELECT setval('case_history_seq', (SELECT coalesce(max(id), 0) + 1 FROM case_history));
