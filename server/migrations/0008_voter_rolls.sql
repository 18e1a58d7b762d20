-- Who may vote in a fair: anyone with a valid IIN (open), only the IINs on its
-- voter roll (roll), or only those the roll places in the districts it covers
-- (district). `districts` holds their slugs, separated by spaces; `roll_size`
-- counts the roll in force; `roll_staged` counts the batches of the import
-- under way.
ALTER TABLE fairs ADD COLUMN electorate TEXT NOT NULL DEFAULT 'open';
ALTER TABLE fairs ADD COLUMN districts TEXT NOT NULL DEFAULT '';
ALTER TABLE fairs ADD COLUMN roll_size BIGINT NOT NULL DEFAULT 0;
ALTER TABLE fairs ADD COLUMN roll_staged BIGINT NOT NULL DEFAULT 0;

-- A fair's voter roll, by the IIN's keyed hash: the roll in force (staged = 0),
-- and the one being imported a batch at a time (staged = 1), which replaces it
-- in one transaction with its last batch.
CREATE TABLE voter_rolls (
    fair_id BIGINT NOT NULL REFERENCES fairs (id),
    staged BIGINT NOT NULL,
    voter_key TEXT NOT NULL,
    district TEXT,
    PRIMARY KEY (fair_id, staged, voter_key)
);
