-- Undoes V6 (release 1.2.0 -> 1.1.0). Every row is kept. The log's 'chain' column stays (1.1.0 does not
-- name it; the rows it writes take the default 'sha256'), so keyed rows are still known as keyed when 1.2.0
-- comes back. Revoked invitations become expired ones.
ALTER TABLE ventures DROP CONSTRAINT IF EXISTS ventures_data_size;
UPDATE invitations SET expires_at = least(expires_at, revoked_at) WHERE revoked_at IS NOT NULL AND accepted_at IS NULL;
DROP INDEX IF EXISTS invitations_org;
ALTER TABLE invitations DROP COLUMN IF EXISTS accepted_by;
ALTER TABLE invitations DROP COLUMN IF EXISTS revoked_at;
DROP TRIGGER IF EXISTS activity_log_no_truncate ON activity_log;
DROP FUNCTION IF EXISTS activity_log_no_truncate();
DROP INDEX IF EXISTS activity_log_signature_once;
