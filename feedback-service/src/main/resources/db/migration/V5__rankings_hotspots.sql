-- Rankings and hot spots (issue 15, "Looking at the city").
-- The town (街道/镇) of each petition, from org.minhu.petition.submitted's townCode (absent when the
-- citizen gave none, and for petitions learnt before this migration): hot spots count petitions by
-- category and town, by the China week or month of their submission.
ALTER TABLE petition_ref ADD COLUMN town_code text;
CREATE INDEX petition_ref_submitted ON petition_ref (submitted_at);

-- The names of the units, as the latest case event that named them said (the rankings show them).
CREATE TABLE unit_name (
    unit_id text PRIMARY KEY,
    name_zh text,
    name_en text
);
