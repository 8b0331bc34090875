-- Release 1.0.0: ventures ("projects" in the cloud app); module documents live in the JSONB data column.
CREATE TABLE ventures (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name       text NOT NULL,
    hypothesis text NOT NULL DEFAULT '',
    data       jsonb NOT NULL DEFAULT '{}'::jsonb,
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);
CREATE INDEX ventures_org_live ON ventures (org_id, updated_at DESC) WHERE deleted_at IS NULL;
