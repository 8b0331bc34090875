-- Release 1.2.0: hardening after an outside security review.
-- The activity log: rows written from now on are chained with a keyed hash (HMAC-SHA256 with a secret the
-- database does not hold) and say so in 'chain'; older rows keep their plain SHA-256. The column survives a
-- rollback (U6 keeps it), so a later update finds keyed rows still marked. TRUNCATE is refused as UPDATE and
-- DELETE already are (the server's runtime role is not granted it either). A signed AI approval is recorded
-- once: the same signature again is a replay.
ALTER TABLE activity_log ADD COLUMN IF NOT EXISTS chain text NOT NULL DEFAULT 'sha256';
ALTER TABLE activity_log DROP CONSTRAINT IF EXISTS activity_log_chain_known;
ALTER TABLE activity_log ADD CONSTRAINT activity_log_chain_known CHECK (chain IN ('sha256', 'hmac-sha256'));
CREATE UNIQUE INDEX activity_log_signature_once ON activity_log (signature) WHERE signature IS NOT NULL;

CREATE FUNCTION activity_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'activity_log is append-only: it cannot be truncated';
END
$$;
CREATE TRIGGER activity_log_no_truncate BEFORE TRUNCATE ON activity_log
    FOR EACH STATEMENT EXECUTE FUNCTION activity_log_no_truncate();

-- Invitations can be revoked, and remember who accepted them.
ALTER TABLE invitations ADD COLUMN revoked_at timestamptz;
ALTER TABLE invitations ADD COLUMN accepted_by uuid REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX invitations_org ON invitations (org_id, created_at DESC);

-- A venture's module documents have a ceiling (256 KiB as JSON text). NOT VALID: rows already larger stay
-- readable; they can only be saved again once they are smaller.
ALTER TABLE ventures ADD CONSTRAINT ventures_data_size CHECK (octet_length(data::text) <= 262144) NOT VALID;
