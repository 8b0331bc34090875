-- Letters to customers about their subscription, queued in the transaction that decides them (once each: the key) and
-- sent by the Brain's worker, retried with a growing pause, the mail server's last refusal kept for staff.

CREATE TABLE customer_mails (
    key                    text PRIMARY KEY,             -- renewal:<license id> | payment-failed:<subscription>:<period end>
    stripe_subscription_id text        NOT NULL REFERENCES subscriptions (stripe_subscription_id),
    subject                text        NOT NULL,
    body                   text        NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts               integer     NOT NULL DEFAULT 0,
    next_attempt_at        timestamptz NOT NULL DEFAULT now(),
    last_error             text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    sent_at                timestamptz
);
CREATE INDEX customer_mails_due ON customer_mails (next_attempt_at) WHERE status = 'pending';
