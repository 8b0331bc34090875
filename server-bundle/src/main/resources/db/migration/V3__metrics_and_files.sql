-- Release 1.0.0: metric time series per venture, and file metadata (the bytes live in object storage).
CREATE TABLE metrics (
    id          bigserial PRIMARY KEY,
    org_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id  uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    name        text NOT NULL,
    value       double precision NOT NULL,
    recorded_at timestamptz NOT NULL,
    created_by  uuid NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX metrics_series ON metrics (venture_id, name, recorded_at);

CREATE TABLE files (
    id           uuid PRIMARY KEY,
    org_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id   uuid REFERENCES ventures (id) ON DELETE SET NULL,
    object_key   text NOT NULL UNIQUE,
    name         text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    sha256       text NOT NULL,
    uploaded_by  uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_org ON files (org_id, created_at DESC);
