-- NGOs keep their own profiles: social links, a logo, and why an application was refused.
-- social_links: one http(s) link a line.
ALTER TABLE ngos ADD COLUMN social_links TEXT NOT NULL DEFAULT '';
ALTER TABLE ngos ADD COLUMN rejection_reason TEXT;
-- When the logo was last uploaded (RFC 3339); its bytes live in ngo_logos.
ALTER TABLE ngos ADD COLUMN logo_at TEXT;

CREATE TABLE ngo_logos (
    ngo_id BIGINT PRIMARY KEY REFERENCES ngos (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL
);
