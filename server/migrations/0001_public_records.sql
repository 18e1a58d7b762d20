-- The region's public records: districts, directions, NGOs, initiatives, fairs and ideas.
-- Flags are BIGINT 0/1, as both engines read them alike.
-- Written in the SQL that SQLite and PostgreSQL share; db.rs spells the row ids
-- (INTEGER PRIMARY KEY) for PostgreSQL.

CREATE TABLE districts (
    slug TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT,
    name_en TEXT,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL
);

CREATE TABLE directions (
    slug TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT,
    name_en TEXT
);

CREATE TABLE ngos (
    id INTEGER PRIMARY KEY,
    bin TEXT NOT NULL UNIQUE,
    name_kk TEXT NOT NULL,
    name_ru TEXT,
    name_en TEXT,
    legal_form TEXT NOT NULL,
    registered_on TEXT NOT NULL,
    district TEXT NOT NULL REFERENCES districts (slug),
    address TEXT NOT NULL DEFAULT '',
    description_kk TEXT NOT NULL DEFAULT '',
    description_ru TEXT,
    description_en TEXT,
    phone TEXT,
    email TEXT,
    website TEXT,
    volunteers BIGINT NOT NULL DEFAULT 0,
    active BIGINT NOT NULL DEFAULT 1,
    verified BIGINT NOT NULL DEFAULT 0,
    -- pending | approved | rejected: only approved NGOs are public
    status TEXT NOT NULL DEFAULT 'approved',
    demo BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    -- names folded by bastama_model::search::fold, what `q` matches
    search TEXT NOT NULL
);
CREATE INDEX ngos_public ON ngos (status, search);
CREATE INDEX ngos_district ON ngos (district);

CREATE TABLE ngo_directions (
    ngo_id BIGINT NOT NULL REFERENCES ngos (id) ON DELETE CASCADE,
    direction TEXT NOT NULL REFERENCES directions (slug),
    PRIMARY KEY (ngo_id, direction)
);
CREATE INDEX ngo_directions_direction ON ngo_directions (direction);

CREATE TABLE initiatives (
    id INTEGER PRIMARY KEY,
    ngo_id BIGINT REFERENCES ngos (id),
    title_kk TEXT NOT NULL,
    title_ru TEXT,
    title_en TEXT,
    description_kk TEXT NOT NULL DEFAULT '',
    description_ru TEXT,
    description_en TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    funding TEXT NOT NULL,
    amount_kzt BIGINT,
    district TEXT NOT NULL REFERENCES districts (slug),
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    volunteers BIGINT NOT NULL DEFAULT 0,
    -- pending | published | rejected: only published initiatives are public
    moderation TEXT NOT NULL DEFAULT 'published',
    demo BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    search TEXT NOT NULL
);
CREATE INDEX initiatives_public ON initiatives (moderation, starts_on);
CREATE INDEX initiatives_ngo ON initiatives (ngo_id);

CREATE TABLE fairs (
    id INTEGER PRIMARY KEY,
    title_kk TEXT NOT NULL,
    title_ru TEXT,
    title_en TEXT,
    description_kk TEXT NOT NULL DEFAULT '',
    description_ru TEXT,
    description_en TEXT,
    phase TEXT NOT NULL DEFAULT 'draft',
    submission_starts_at TEXT,
    voting_starts_at TEXT,
    voting_ends_at TEXT,
    votes_per_voter BIGINT NOT NULL DEFAULT 3,
    winners BIGINT NOT NULL DEFAULT 10,
    results_live BIGINT NOT NULL DEFAULT 1,
    demo BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE TABLE ideas (
    id INTEGER PRIMARY KEY,
    fair_id BIGINT NOT NULL REFERENCES fairs (id),
    ngo_id BIGINT REFERENCES ngos (id),
    title_kk TEXT NOT NULL,
    title_ru TEXT,
    title_en TEXT,
    summary_kk TEXT NOT NULL,
    summary_ru TEXT,
    summary_en TEXT,
    district TEXT REFERENCES districts (slug),
    budget_kzt BIGINT NOT NULL,
    sponsor TEXT,
    sponsor_amount_kzt BIGINT,
    memorandum_signed BIGINT NOT NULL DEFAULT 0,
    -- pending | approved | rejected: only approved ideas are public
    moderation TEXT NOT NULL DEFAULT 'approved',
    demo BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);
CREATE INDEX ideas_fair ON ideas (fair_id, moderation);

CREATE TABLE idea_directions (
    idea_id BIGINT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    direction TEXT NOT NULL REFERENCES directions (slug),
    PRIMARY KEY (idea_id, direction)
);
