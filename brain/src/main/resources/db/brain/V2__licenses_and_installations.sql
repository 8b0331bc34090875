-- Licenses the Brain issued from subscriptions (the signed text kept as issued; the key that signed it never here),
-- and what each installation's heartbeats said (versions and service states only, never the customer's data).

CREATE TABLE licenses (
    id                     text PRIMARY KEY,                 -- lic-...
    stripe_subscription_id text        NOT NULL REFERENCES subscriptions (stripe_subscription_id),
    customer_key           text        NOT NULL,             -- the customer as licenses and the registry name them
    edition                text        NOT NULL,
    seats                  integer     NOT NULL,
    issued_at              timestamptz NOT NULL,
    expires_at             timestamptz NOT NULL,             -- the paid period's end and the grace
    license_text           text        NOT NULL,
    revoked_at             timestamptz,
    revoked_reason         text
);
CREATE INDEX licenses_subscription ON licenses (stripe_subscription_id, expires_at DESC);

CREATE TABLE installations (
    license_id      text        NOT NULL REFERENCES licenses (id),
    instance_id     text        NOT NULL,
    first_seen      timestamptz NOT NULL DEFAULT now(),
    last_seen       timestamptz NOT NULL DEFAULT now(),
    console_version text,
    app_version     text,
    overall         text,
    services        jsonb,
    PRIMARY KEY (license_id, instance_id)
);
