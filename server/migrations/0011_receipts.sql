-- Ballot receipts: each saved ballot (web or paper) carries the receipt its
-- voter was given; every receipt ever given is kept, so one whose ballot was
-- changed since answers "replaced", and one of a voided paper ballot "voided".

ALTER TABLE ballots ADD COLUMN receipt TEXT;
CREATE INDEX ballots_receipt ON ballots (fair_id, receipt);

CREATE TABLE receipts (
    fair_id BIGINT NOT NULL REFERENCES fairs (id),
    code TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (fair_id, code)
);
