-- The petition categories (petition-service's catalogue, reference data loaded here too: services
-- share no tables). A routing rule may name only one of them.
CREATE TABLE category (
    code text PRIMARY KEY
);

INSERT INTO category (code) VALUES
('health'), ('education'), ('school-meals'), ('social-security'), ('elderly-care'), ('funeral'),
('traffic-parking'), ('urban-management'), ('housing'), ('environment'), ('water'), ('power'), ('gas'),
('agriculture'), ('rural-funds'), ('market-supervision'), ('enterprise'), ('disputes'), ('public-safety'),
('other');
