-- The published ballot box. Every ballot event (a ballot cast, a ballot
-- replaced by its voter, a paper ballot voided) is kept as it is written,
-- with the receipt it concerns and, for a cast, the digest that commits to
-- its ideas and station. The chain numbers the events in the order they are
-- chained and hashes each over the one before; an event is chained once.
-- A fair publishes either its ballots or its totals when voting closes.

ALTER TABLE fairs ADD COLUMN publication TEXT NOT NULL DEFAULT 'ballots';

CREATE TABLE ballot_events (
    id INTEGER PRIMARY KEY,
    fair_id BIGINT NOT NULL REFERENCES fairs (id),
    event TEXT NOT NULL,
    receipt TEXT NOT NULL,
    digest TEXT NOT NULL
);
CREATE INDEX ballot_events_fair ON ballot_events (fair_id, id);

CREATE TABLE ballot_chain (
    fair_id BIGINT NOT NULL REFERENCES fairs (id),
    seq BIGINT NOT NULL,
    event_id BIGINT NOT NULL UNIQUE REFERENCES ballot_events (id),
    hash TEXT NOT NULL,
    PRIMARY KEY (fair_id, seq)
);
