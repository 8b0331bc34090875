-- Release 1.0.0: the activity log / AI audit trail. Append-only (enforced here, not only in code) and
-- hash-chained per organization: each row's hash covers the previous row's hash and its own content.
CREATE TABLE activity_log (
    seq            bigserial PRIMARY KEY,
    org_id         uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    actor_id       uuid REFERENCES users (id) ON DELETE SET NULL,
    action         text NOT NULL,
    entity_type    text NOT NULL,
    entity_id      text NOT NULL,
    payload        text NOT NULL,
    signed_payload text,
    signature      text,
    public_key     text,
    created_at     timestamptz NOT NULL,
    prev_hash      text NOT NULL,
    hash           text NOT NULL UNIQUE
);
CREATE INDEX activity_log_org ON activity_log (org_id, seq);

CREATE FUNCTION activity_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'activity_log is append-only: rows cannot be changed or deleted';
END
$$;
CREATE TRIGGER activity_log_append_only BEFORE UPDATE OR DELETE ON activity_log
    FOR EACH ROW EXECUTE FUNCTION activity_log_is_append_only();
