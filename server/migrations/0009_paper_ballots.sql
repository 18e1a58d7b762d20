-- Paper ballots at stations: a registrar's account belongs to one station, and
-- a ballot a registrar entered names its station and registrar (a web
-- ballot names neither). A void removes the ballot (the voter may vote again)
-- and keeps here where, by whom, when and why: never the voter or the ideas.

CREATE TABLE stations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    district TEXT NOT NULL REFERENCES districts (slug),
    created_at TEXT NOT NULL
);

ALTER TABLE accounts ADD COLUMN station_id BIGINT REFERENCES stations (id);
ALTER TABLE ballots ADD COLUMN station_id BIGINT REFERENCES stations (id);
ALTER TABLE ballots ADD COLUMN registrar_id BIGINT REFERENCES accounts (id);
CREATE INDEX ballots_registrar ON ballots (registrar_id, created_at);

CREATE TABLE voided_ballots (
    id INTEGER PRIMARY KEY,
    fair_id BIGINT NOT NULL REFERENCES fairs (id),
    station_id BIGINT NOT NULL REFERENCES stations (id),
    registrar_id BIGINT NOT NULL REFERENCES accounts (id),
    entered_at TEXT NOT NULL,
    voided_at TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX voided_ballots_fair ON voided_ballots (fair_id, voided_at);
