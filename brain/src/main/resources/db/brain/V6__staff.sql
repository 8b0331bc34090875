-- Vendor staff: each signs in with their email and a staff key (32 random bytes, given once; only its SHA-256 kept),
-- and gets a session (its token's SHA-256 kept) for the staff page and `adaptive-vendor brain`.

CREATE TABLE staff (
    email      text PRIMARY KEY,
    key_hash   bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text
);

CREATE TABLE staff_sessions (
    token_hash bytea PRIMARY KEY,
    email      text        NOT NULL REFERENCES staff (email) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
