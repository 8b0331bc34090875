-- A new customer's provisioning: their images built by the vendor's pipeline (GitHub Actions, told through its API),
-- the release it reports recorded, then the welcome mail with the license. One job per subscription; each attempt
-- and its error kept on the row for vendor staff; retried with a growing pause.

CREATE TABLE provisioning_jobs (
    id                     uuid PRIMARY KEY,
    stripe_subscription_id text        NOT NULL UNIQUE REFERENCES subscriptions (stripe_subscription_id),
    customer_key           text        NOT NULL,
    step                   text        NOT NULL CHECK (step IN ('build', 'wait-for-build', 'mail', 'done')),
    status                 text        NOT NULL CHECK (status IN ('pending', 'waiting', 'done', 'failed')),
    attempts               integer     NOT NULL DEFAULT 0,
    next_attempt_at        timestamptz NOT NULL DEFAULT now(),
    last_error             text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provisioning_due ON provisioning_jobs (next_attempt_at) WHERE status = 'pending';

CREATE TABLE customer_releases (
    customer_key text        NOT NULL,
    version      text        NOT NULL,
    images       jsonb       NOT NULL,          -- service -> {repository, digest}, as the build reported them
    job_id       uuid        NOT NULL REFERENCES provisioning_jobs (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_key, version)
);
