-- Projections of the statistics on one dimension each, by day and by month: the same columns as
-- stats_day, with '*' in the dimensions summed away. A question that filters or groups by at most
-- one dimension reads a few rows per period here instead of every combination of the full tables.
DO $$
DECLARE
    level text;
    dim   text;
BEGIN
    FOREACH level IN ARRAY ARRAY['day', 'month'] LOOP
        FOREACH dim IN ARRAY ARRAY['region', 'unit', 'category', 'channel'] LOOP
            EXECUTE format('CREATE TABLE stats_%s_by_%s (LIKE stats_day INCLUDING DEFAULTS INCLUDING CONSTRAINTS, PRIMARY KEY (day, region_code, unit_id, category_code, channel))', level, dim);
        END LOOP;
    END LOOP;
END
$$;

-- The full tables are also filtered by category or channel when a question names two dimensions.
CREATE INDEX stats_day_category ON stats_day (category_code, day);
CREATE INDEX stats_month_category ON stats_month (category_code, day);
