-- Version 1 of the routing rules: each category goes to the district department responsible for it.
-- Categories without a rule ("other") fall back to the district's governance centre, which dispatches
-- by hand. Town rules, where they exist, win over district rules.
CREATE TEMPORARY TABLE category_department (category_code text, department text);
INSERT INTO category_department VALUES
('health', 'health'), ('education', 'education'), ('school-meals', 'education'),
('social-security', 'hrss'), ('elderly-care', 'civil-affairs'), ('funeral', 'civil-affairs'),
('traffic-parking', 'transport'), ('urban-management', 'urban-management'), ('housing', 'housing'),
('environment', 'ecology'), ('water', 'water'), ('power', 'economy'), ('gas', 'urban-management'),
('agriculture', 'agriculture'), ('rural-funds', 'agriculture'), ('market-supervision', 'market'),
('enterprise', 'economy'), ('disputes', 'justice'), ('public-safety', 'emergency');

INSERT INTO routing_rule (category_code, region_code, version, lead_unit_id, co_unit_ids, effective_from)
SELECT c.category_code, r.code, 1, r.code || '-' || c.department, '{}', TIMESTAMPTZ '2025-01-01 00:00:00+08'
FROM region r CROSS JOIN category_department c WHERE r.parent_code IS NULL;

-- 九龙坡区 西彭镇: agricultural requests go to the town, whose agronomists visit the fields
-- (the 千秋村 loofah case); the district's agriculture commission helps.
INSERT INTO routing_rule (category_code, region_code, version, lead_unit_id, co_unit_ids, effective_from)
VALUES ('agriculture', '500107-XIPENG', 1, '500107-XIPENG-office', '{500107-agriculture}', TIMESTAMPTZ '2025-01-01 00:00:00+08');
