-- The petitioner may hide their name from the handling unit where the category allows it (the
-- governance centre still sees it). Disputes (wage arrears, neighbours) and social security (a
-- pension, a benefit) cannot be handled without knowing who asks: there it is not offered.
ALTER TABLE category ADD COLUMN name_hideable boolean NOT NULL DEFAULT true;
UPDATE category SET name_hideable = false WHERE code IN ('disputes', 'social-security');
ALTER TABLE petition ADD COLUMN name_hidden boolean NOT NULL DEFAULT false;
