-- The Brain's record of who pays: Stripe's customers and subscriptions as their events tell them, and every event
-- once (Stripe retries, and may deliver out of order).

CREATE TABLE stripe_events (
    id           text PRIMARY KEY,                       -- Stripe's event id: a retry is the same id
    type         text        NOT NULL,
    created      timestamptz NOT NULL,                   -- when Stripe made the event
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    outcome      text        NOT NULL                    -- applied | stale | ignored
);

CREATE TABLE customers (
    stripe_customer_id text PRIMARY KEY,
    email              text,
    name               text,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE subscriptions (
    stripe_subscription_id text PRIMARY KEY,
    stripe_customer_id     text        NOT NULL REFERENCES customers (stripe_customer_id),
    state                  text        NOT NULL CHECK (state IN ('active', 'past_due', 'cancelled')),
    stripe_status          text        NOT NULL,            -- Stripe's own word (trialing, unpaid...)
    edition                text        NOT NULL DEFAULT 'standard',
    seats                  integer     NOT NULL DEFAULT 1 CHECK (seats > 0),
    period_end             timestamptz,                     -- the paid period's end
    grace_until            timestamptz,                     -- past due: usable until then
    last_event_id          text        NOT NULL,
    last_event_at          timestamptz NOT NULL,            -- the newest event applied: an older one changes nothing
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_customer ON subscriptions (stripe_customer_id);
