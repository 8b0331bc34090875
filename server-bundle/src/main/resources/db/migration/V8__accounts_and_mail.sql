-- Release 1.2.0: accounts a company can run. Mail the server sends goes through an outbox (a request never waits
-- for the mail server; a sender retries with back-off and keeps the last error for the admins to see), and
-- single-use account tokens (a password reset, an email change to confirm) are kept only as their SHA-256.
--
-- Written to be run again: the undo script (U8) keeps both tables and their rows when the schema goes back to
-- 1.1.0 (which does not know them), so an update after a rollback finds them as they were.

CREATE TABLE IF NOT EXISTS mail_outbox (
    id              uuid PRIMARY KEY,
    -- the organization the mail is about (an invitation), so its admins see it; null for a person's own mail
    org_id          uuid REFERENCES organizations (id) ON DELETE CASCADE,
    kind            text NOT NULL,
    recipient       text NOT NULL,
    subject         text NOT NULL,
    -- emptied once sent or given up: a reset link must not outlive its delivery in the database
    body_text       text NOT NULL,
    body_html       text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    given_up_at     timestamptz,
    last_error      text
);
CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
CREATE INDEX IF NOT EXISTS mail_outbox_org ON mail_outbox (org_id, created_at);

CREATE TABLE IF NOT EXISTS account_tokens (
    token_hash text PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('password_reset', 'email_change')),
    -- for an email change: the address to confirm
    new_email  text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX IF NOT EXISTS account_tokens_user ON account_tokens (user_id, purpose);
