-- The audit log: every write by a moderator, registrar or NGO account, and the
-- server's own, in order. Entries are only ever appended; each one's hash covers
-- the entry before, so a changed or removed entry shows. `seq` is given by the
-- writer (one at a time), not by the database, so it has no gaps.

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    account_id BIGINT,
    role TEXT,
    record TEXT NOT NULL,
    within TEXT,
    action TEXT NOT NULL,
    changes TEXT NOT NULL,
    public INTEGER NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log (record);
CREATE INDEX audit_log_within ON audit_log (within);
CREATE INDEX audit_log_account ON audit_log (account_id);
