-- 撤回: requests withdrawn by their petitioners, counted on the day of the withdrawal for the unit
-- that held the case; those withdrawn while waiting for that unit to sign are also counted apart,
-- because the response rate (formula version 2) leaves those assignments out.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stats_day', 'stats_month',
                             'stats_day_by_region', 'stats_day_by_unit', 'stats_day_by_category', 'stats_day_by_channel',
                             'stats_month_by_region', 'stats_month_by_unit', 'stats_month_by_category', 'stats_month_by_channel'] LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN withdrawn int NOT NULL DEFAULT 0, '
                       'ADD COLUMN withdrawn_while_assigned int NOT NULL DEFAULT 0', t);
    END LOOP;
END
$$;
