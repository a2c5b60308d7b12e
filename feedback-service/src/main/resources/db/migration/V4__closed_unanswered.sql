-- Requests closed without an answer, counted on the day they closed for the unit that held the case:
-- withdrawn by their petitioners (撤回), refused by the governance centre (不予受理), handed off to an
-- emergency service or a utility's hotline. Those closed while waiting for that unit to sign are also
-- counted apart, because the response and return rates (formula version 2) leave those assignments out.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stats_day', 'stats_month',
                             'stats_day_by_region', 'stats_day_by_unit', 'stats_day_by_category', 'stats_day_by_channel',
                             'stats_month_by_region', 'stats_month_by_unit', 'stats_month_by_category', 'stats_month_by_channel'] LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN withdrawn int NOT NULL DEFAULT 0, '
                       'ADD COLUMN refused int NOT NULL DEFAULT 0, '
                       'ADD COLUMN handed_off int NOT NULL DEFAULT 0, '
                       'ADD COLUMN closed_before_signing int NOT NULL DEFAULT 0', t);
    END LOOP;
END
$$;
