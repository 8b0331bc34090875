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

-- Single sign-on (OpenID Connect), one provider per organization: its issuer and client, how the provider's groups
-- map to roles, which email domains may sign in, and whether its members must sign in through it (a founder's
-- password always works: the break-glass account).
CREATE TABLE IF NOT EXISTS sso_providers (
    org_id        uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    issuer        text NOT NULL,
    client_id     text NOT NULL,
    client_secret text NOT NULL,
    groups_claim  text NOT NULL DEFAULT 'groups',
    role_mapping  jsonb NOT NULL DEFAULT '{}',
    default_role  text NOT NULL DEFAULT 'member' CHECK (default_role IN ('admin', 'member', 'viewer')),
    email_domains text[] NOT NULL DEFAULT '{}',
    sso_only      boolean NOT NULL DEFAULT false,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Who a provider's account is here: its issuer and subject, linked to one account.
CREATE TABLE IF NOT EXISTS sso_identities (
    issuer     text NOT NULL,
    subject    text NOT NULL,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX IF NOT EXISTS sso_identities_user ON sso_identities (user_id);

-- Admins who asked for the installation's notices by mail (a failed backup, a stack no longer healthy, an update, a
-- certificate near its end), which the console sends through the stack.
ALTER TABLE users ADD COLUMN IF NOT EXISTS installation_notices boolean NOT NULL DEFAULT false;
