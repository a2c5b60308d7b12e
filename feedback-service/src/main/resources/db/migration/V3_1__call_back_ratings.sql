-- Call-back ratings (回访) are tied to a reason staff may record them, and marked with it: the petition
-- came in by hotline ('hotline-petition'), or its petitioner accepted a call-back for the round
-- ('citizen-accepted', when: call_back_accepted_at). Call-backs recorded before this rule existed
-- are marked 'unchecked'.
ALTER TABLE answer_round ADD COLUMN call_back text
    CHECK (call_back IN ('hotline-petition', 'citizen-accepted', 'unchecked'));
ALTER TABLE answer_round ADD COLUMN call_back_accepted_at timestamptz;
UPDATE answer_round SET call_back = CASE WHEN channel = 'hotline' THEN 'hotline-petition' ELSE 'unchecked' END
WHERE rating_channel = 'hotline';
ALTER TABLE answer_round ADD CONSTRAINT answer_round_call_back_marked
    CHECK ((call_back IS NOT NULL) = (rating_channel IS NOT DISTINCT FROM 'hotline'));
