-- Texts waiting for the SMS gateway, written in the transaction that stores
-- their code, so that a request never waits on the gateway and an outage loses
-- nothing. The phone and the text (which holds the code) are sealed with a key
-- derived from the server's secret; a row is deleted once delivered or expired.
CREATE TABLE sms_outbox (
    id INTEGER PRIMARY KEY,
    sealed TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    -- When it may be tried next; a sender taking it moves this past its try,
    -- so that no other server takes it meanwhile.
    next_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX sms_outbox_due ON sms_outbox (next_at);
