-- 知识库: questions and answers with their policy basis, kept by the unit that owns each entry. Staff
-- read all of them; the public reads, without signing in, the entries marked public and valid today.
-- An entry whose review date (review_by) has passed is flagged for review. Searched by ILIKE over
-- question and answer (see assignment-service/README.md: stock PostgreSQL's full-text parsers do not
-- segment Chinese, and a pg_trgm index serves no query of one or two characters).
CREATE TABLE knowledge_entry (
    id              uuid PRIMARY KEY,
    category_code   text        NOT NULL REFERENCES category (code),
    unit_id         text        NOT NULL REFERENCES unit (id),
    question        text        NOT NULL,
    answer          text        NOT NULL,
    policy_basis    text,
    valid_from      date        NOT NULL,
    valid_until     date,
    is_public       boolean     NOT NULL,
    review_by       date        NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL,
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
);

CREATE INDEX knowledge_by_category ON knowledge_entry (category_code);
CREATE INDEX knowledge_by_unit ON knowledge_entry (unit_id);
