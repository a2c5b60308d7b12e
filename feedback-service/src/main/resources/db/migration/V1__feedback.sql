-- feedback-service: who may rate, each case's progress, answer rounds with their ratings,
-- and the incrementally maintained statistics (by day and by month).

CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- From org.minhu.petition.submitted: the petitioner (pseudonymous subject) and the intake channel.
CREATE TABLE petition_ref (
    petition_id     uuid PRIMARY KEY,
    tracking_number text        NOT NULL,
    petitioner_id   text        NOT NULL,
    category_code   text        NOT NULL,
    region_code     text        NOT NULL,
    channel         text        NOT NULL,
    submitted_at    timestamptz NOT NULL
);

-- Case events that arrived before their petition's submitted event (two topics, no order between
-- them): kept here, in arrival order, and applied when the petition arrives.
CREATE TABLE parked_case_event (
    seq         bigserial PRIMARY KEY,
    petition_id uuid        NOT NULL,
    event_type  text        NOT NULL,
    data        text        NOT NULL,
    parked_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parked_case_event_petition ON parked_case_event (petition_id, seq);

-- One row per case: where it stands in its current round (a reopened case starts a new round).
CREATE TABLE case_track (
    petition_id       uuid PRIMARY KEY,
    case_id           uuid        NOT NULL,
    round             int         NOT NULL,
    unit_id           text        NOT NULL,
    region_code       text        NOT NULL,
    category_code     text        NOT NULL,
    dispatched_at     timestamptz,
    sign_deadline     timestamptz,
    signed_at         timestamptz,
    answer_deadline   timestamptz,
    round_assignments int         NOT NULL DEFAULT 0,
    round_returns     int         NOT NULL DEFAULT 0,
    round_extended    boolean     NOT NULL DEFAULT false,
    round_escalated   boolean     NOT NULL DEFAULT false,
    round_overdue     boolean     NOT NULL DEFAULT false
);

-- One row per answer (答复): the rating window it opened and how it ended.
CREATE TABLE answer_round (
    id               uuid PRIMARY KEY,
    petition_id      uuid        NOT NULL,
    round            int         NOT NULL,
    case_id          uuid        NOT NULL,
    tracking_number  text        NOT NULL,
    unit_id          text        NOT NULL,
    region_code      text        NOT NULL,
    category_code    text        NOT NULL,
    channel          text        NOT NULL,
    dispatched_at    timestamptz,
    sign_deadline    timestamptz,
    signed_at        timestamptz,
    answer_deadline  timestamptz,
    answered_at      timestamptz NOT NULL,
    answered_on_time boolean     NOT NULL,
    assignments      int         NOT NULL,
    returns          int         NOT NULL,
    extended         boolean     NOT NULL,
    escalated        boolean     NOT NULL,
    window_closes_at timestamptz NOT NULL,
    outcome          text        NOT NULL CHECK (outcome IN ('OPEN', 'RATED', 'NOT_RATED')),
    satisfaction     text CHECK (satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED')),
    solved           text CHECK (solved IN ('SOLVED', 'PARTLY_SOLVED', 'NOT_SOLVED')),
    comment          text,
    rating_channel   text CHECK (rating_channel IN ('app', 'web', 'hotline')),
    recorded_by      text,
    rated_at         timestamptz,
    closed_at        timestamptz,
    reopened         boolean     NOT NULL DEFAULT false,
    UNIQUE (petition_id, round),
    CHECK ((outcome = 'RATED') = (satisfaction IS NOT NULL AND solved IS NOT NULL))
);
CREATE INDEX answer_round_open ON answer_round (window_closes_at) WHERE outcome = 'OPEN';
CREATE INDEX answer_round_answered ON answer_round (answered_at);

-- The statistics, maintained in the same transaction as each fact. Keyed by China date (or the
-- first day of the China month), region, unit, category and intake channel; what each counter
-- counts and on which date is documented on org.minhu.feedback.stats.Counter.
CREATE TABLE stats_day (
    day                    date NOT NULL,
    region_code            text NOT NULL,
    unit_id                text NOT NULL,
    category_code          text NOT NULL,
    channel                text NOT NULL,
    dispatched             int  NOT NULL DEFAULT 0,
    assignments            int  NOT NULL DEFAULT 0,
    signed                 int  NOT NULL DEFAULT 0,
    signed_within_limit    int  NOT NULL DEFAULT 0,
    returned               int  NOT NULL DEFAULT 0,
    extended               int  NOT NULL DEFAULT 0,
    reminded               int  NOT NULL DEFAULT 0,
    escalated              int  NOT NULL DEFAULT 0,
    overdue                int  NOT NULL DEFAULT 0,
    answered               int  NOT NULL DEFAULT 0,
    answered_on_time       int  NOT NULL DEFAULT 0,
    hops                   int  NOT NULL DEFAULT 0,
    reopened               int  NOT NULL DEFAULT 0,
    re_reviewed            int  NOT NULL DEFAULT 0,
    closed_after_re_review int  NOT NULL DEFAULT 0,
    satisfied              int  NOT NULL DEFAULT 0,
    basically_satisfied    int  NOT NULL DEFAULT 0,
    unsatisfied            int  NOT NULL DEFAULT 0,
    not_rated              int  NOT NULL DEFAULT 0,
    solved                 int  NOT NULL DEFAULT 0,
    partly_solved          int  NOT NULL DEFAULT 0,
    not_solved             int  NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region_code, unit_id, category_code, channel)
);
CREATE TABLE stats_month (LIKE stats_day INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE INDEX stats_day_region ON stats_day (region_code, day);
CREATE INDEX stats_day_unit ON stats_day (unit_id, day);
CREATE INDEX stats_month_region ON stats_month (region_code, day);
CREATE INDEX stats_month_unit ON stats_month (unit_id, day);
