-- Events already processed, as in the other services: the consumers record each event id in the
-- transaction that applies it, so an event delivered again changes nothing. Until now petition-service
-- remembered only the events that added a timeline entry (petition_timeline.source_event_id); those are
-- carried over so that none of them is applied a second time after the upgrade.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO processed_event (event_id, processed_at)
SELECT source_event_id, occurred_at FROM petition_timeline WHERE source_event_id IS NOT NULL
ON CONFLICT DO NOTHING;
