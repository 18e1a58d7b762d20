-- What must hold across API servers lives here, not in a process's memory:
-- sign-in sessions, voters' one-time codes, the phone-per-IIN rule, rate limits.
-- IINs, phones and codes are stored only as keyed hashes (HMAC with the server's secret).

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    -- lowercased
    email TEXT NOT NULL UNIQUE,
    -- argon2id PHC string
    password_hash TEXT NOT NULL,
    -- moderator | ngo
    role TEXT NOT NULL,
    ngo_id BIGINT REFERENCES ngos (id),
    created_at TEXT NOT NULL
);

-- Bearer tokens, by the SHA-256 of the token; an account's or a verified voter's.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE,
    voter_key TEXT,
    phone_key TEXT,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE voter_codes (
    id INTEGER PRIMARY KEY,
    phone_key TEXT NOT NULL,
    voter_key TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    used BIGINT NOT NULL DEFAULT 0,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX voter_codes_phone ON voter_codes (phone_key, created_at);

-- A phone verifies one IIN per fair: the first IIN to vote through it keeps it.
CREATE TABLE phone_links (
    fair_id BIGINT NOT NULL REFERENCES fairs (id),
    phone_key TEXT NOT NULL,
    voter_key TEXT NOT NULL,
    PRIMARY KEY (fair_id, phone_key)
);

-- Fixed-window counters: `bucket` names what is limited and for whom (keyed hash).
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
