-- Update distribution: each customer's signed releases (a beta release is offered on beta only; a stable one on both),
-- staff's pins (never offer a customer beyond a version), notices targeted by version range and edition, releases of
-- the desktop console, and the signed channel manifests made from them on every change (what GET /v1/channels serves).

CREATE TABLE releases (
    customer_key  text        NOT NULL,
    version       text        NOT NULL,
    track         text        NOT NULL CHECK (track IN ('stable', 'beta')),
    manifest_text text        NOT NULL,                  -- the signed release manifest (ASR1), as signed
    published_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_key, version)
);

CREATE TABLE pins (
    customer_key text PRIMARY KEY,
    up_to        text        NOT NULL,                   -- the newest version this customer is offered
    reason       text        NOT NULL,
    pinned_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notices (
    id            text PRIMARY KEY,
    severity      text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    title         text        NOT NULL,
    body          text        NOT NULL,
    from_version  text,                                  -- the range is half-open: from <= version < below
    below_version text,
    editions      text[]      NOT NULL DEFAULT '{}',     -- empty: every edition
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE console_releases (
    version    text PRIMARY KEY,
    notes      text        NOT NULL,
    installers jsonb       NOT NULL,                     -- [{os, type, url, size, sha256}]
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE channels (
    name         text PRIMARY KEY,                       -- <track>-<customer key>, as the customer's license names it
    customer_key text        NOT NULL,
    track        text        NOT NULL,
    sequence     bigint      NOT NULL,                   -- only grows: the console refuses a lower one
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    signed_text  text        NOT NULL
);
CREATE INDEX channels_expiring ON channels (expires_at);
