-- Ballots of the ideas fairs: one per voter per fair. voter_key is a keyed hash
-- (HMAC) of the voter's IIN, never the IIN itself.

CREATE TABLE ballots (
    id INTEGER PRIMARY KEY,
    fair_id BIGINT NOT NULL REFERENCES fairs (id),
    voter_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (fair_id, voter_key)
);

CREATE TABLE ballot_ideas (
    ballot_id BIGINT NOT NULL REFERENCES ballots (id) ON DELETE CASCADE,
    idea_id BIGINT NOT NULL REFERENCES ideas (id),
    PRIMARY KEY (ballot_id, idea_id)
);
CREATE INDEX ballot_ideas_idea ON ballot_ideas (idea_id);
