-- Undoes V8 (release 1.2.0 -> 1.1.0). Every row is kept: 1.1.0 names neither the outbox, the account tokens nor
-- single sign-on's tables, and an update back to 1.2.0 finds them again. Tokens not yet used are ended, so no
-- reset link made before the rollback works after an update much later. While 1.1.0 runs, people whose
-- organization signs in only through its provider sign in with a password again (1.1.0 has no single sign-on):
-- an admin resets theirs.
UPDATE account_tokens SET expires_at = least(expires_at, now()) WHERE used_at IS NULL;
