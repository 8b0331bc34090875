-- Release 1.2.0 on SQLite (the single-container edition): the schema PostgreSQL reaches with V1 to V9, in one step.
-- The same tables, columns, constraints and names, in SQLite's types: ids, times (ISO-8601 in UTC with microseconds,
-- a fixed width so text order is time order), dates, JSON and arrays (JSON arrays) are text. Constraints PostgreSQL
-- writes as regular expressions are GLOB patterns; full-text search of file names is FTS5; the activity log's
-- append-only rule is two triggers. A later release adds its migration here beside PostgreSQL's, under the same
-- version number.

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    email                text NOT NULL,
    name                 text NOT NULL,
    password_hash        text NOT NULL,
    must_change_password boolean NOT NULL DEFAULT false,
    public_key           text,
    installation_notices boolean NOT NULL DEFAULT false,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now'))
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE organizations (
    id         TEXT PRIMARY KEY,
    name       text NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now'))
);

CREATE TABLE memberships (
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('founder', 'admin', 'member', 'viewer')),
    custom_role_id TEXT REFERENCES custom_roles (id) ON DELETE RESTRICT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE invitations (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email       text NOT NULL,
    role        text NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
    token_hash  text NOT NULL UNIQUE,
    invited_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    expires_at  TEXT NOT NULL,
    accepted_at TEXT,
    revoked_at  TEXT,
    accepted_by TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX invitations_org ON invitations (org_id, created_at DESC);

CREATE TABLE ventures (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name       text NOT NULL,
    hypothesis text NOT NULL DEFAULT '',
    data       TEXT NOT NULL DEFAULT '{}',
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    deleted_at TEXT,
    slug              text,
    logo_file_id      TEXT REFERENCES files (id) ON DELETE SET NULL,
    founding_date     TEXT,
    industry          text,
    stage             text,
    current_canvas_id TEXT REFERENCES canvases (id) ON DELETE SET NULL,
    CONSTRAINT ventures_data_size CHECK (length(CAST(data AS BLOB)) <= 262144),
    -- PostgreSQL's '^[a-z0-9]+(-[a-z0-9]+)*$' in GLOB patterns (SQLite has no regular expressions built in)
    CONSTRAINT ventures_slug_form CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*'
        AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*')
);
CREATE UNIQUE INDEX ventures_slug ON ventures (org_id, slug) WHERE slug IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX ventures_org_live ON ventures (org_id, updated_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE metrics (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id  TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    name        text NOT NULL,
    value       REAL NOT NULL,
    recorded_at TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    unit        text NOT NULL DEFAULT 'none' CONSTRAINT metrics_unit_known CHECK (unit IN ('USD', 'percent', 'count', 'none'))
);
CREATE INDEX metrics_series ON metrics (venture_id, name, recorded_at);

CREATE TABLE files (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id   TEXT REFERENCES ventures (id) ON DELETE SET NULL,
    object_key   text NOT NULL UNIQUE,
    name         text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    sha256       text NOT NULL,
    uploaded_by  TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    folder_id    TEXT REFERENCES folders (id) ON DELETE SET NULL,
    tags         TEXT NOT NULL DEFAULT '[]',
    description  text,
    version      integer NOT NULL DEFAULT 1,
    version_at   TEXT
);
CREATE INDEX files_org ON files (org_id, created_at DESC);

CREATE TABLE activity_log (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    actor_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    action         text NOT NULL,
    entity_type    text NOT NULL,
    entity_id      text NOT NULL,
    payload        text NOT NULL,
    signed_payload text,
    signature      text,
    public_key     text,
    created_at     TEXT NOT NULL,
    prev_hash      text NOT NULL,
    hash           text NOT NULL UNIQUE,
    chain          text NOT NULL DEFAULT 'sha256' CONSTRAINT activity_log_chain_known CHECK (chain IN ('sha256', 'hmac-sha256'))
);
CREATE INDEX activity_log_org ON activity_log (org_id, seq);
CREATE UNIQUE INDEX activity_log_signature_once ON activity_log (signature) WHERE signature IS NOT NULL;

-- Append-only, enforced here and not only in code. (SQLite has no TRUNCATE: a DELETE without WHERE is refused too.)
CREATE TRIGGER activity_log_no_update BEFORE UPDATE ON activity_log
BEGIN
    SELECT RAISE(ABORT, 'activity_log is append-only: rows cannot be changed or deleted');
END;
CREATE TRIGGER activity_log_no_delete BEFORE DELETE ON activity_log
BEGIN
    SELECT RAISE(ABORT, 'activity_log is append-only: rows cannot be changed or deleted');
END;

CREATE TABLE folders (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name       text NOT NULL,
    parent_id  TEXT REFERENCES folders (id) ON DELETE CASCADE,
    tags       TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT folders_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX folders_page ON folders (venture_id, created_at, id);

CREATE TABLE documents (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    folder_id  TEXT REFERENCES folders (id) ON DELETE SET NULL,
    title      text NOT NULL,
    type       text,
    content    TEXT,
    tags       TEXT NOT NULL DEFAULT '[]',
    is_locked  boolean NOT NULL DEFAULT false
);
CREATE INDEX documents_page ON documents (venture_id, created_at, id);

CREATE TABLE document_versions (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name        text NOT NULL,
    content     TEXT
);
CREATE INDEX document_versions_page ON document_versions (venture_id, created_at, id);

CREATE TABLE canvases (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name       text NOT NULL,
    kind       text NOT NULL DEFAULT 'lean' CHECK (kind IN ('lean', 'business_model')),
    sections   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX canvases_page ON canvases (venture_id, created_at, id);

CREATE TABLE canvas_versions (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    canvas_id  TEXT NOT NULL REFERENCES canvases (id) ON DELETE CASCADE,
    name       text NOT NULL,
    sections   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX canvas_versions_page ON canvas_versions (venture_id, created_at, id);

CREATE TABLE interviews (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name               text NOT NULL,
    customer_status    text,
    willingness_to_pay text,
    sentiment          text,
    segment            text,
    tags               TEXT NOT NULL DEFAULT '[]',
    custom_data        TEXT,
    ai_analysis        text,
    last_contact_at    TEXT,
    next_follow_up_at  TEXT
);
CREATE INDEX interviews_page ON interviews (venture_id, created_at, id);

CREATE TABLE video_interviews (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name           text NOT NULL,
    email          text,
    interview_id   TEXT REFERENCES interviews (id) ON DELETE SET NULL,
    waiver_file_id TEXT REFERENCES files (id) ON DELETE SET NULL,
    video_file_id  TEXT REFERENCES files (id) ON DELETE SET NULL
);
CREATE INDEX video_interviews_page ON video_interviews (venture_id, created_at, id);

CREATE TABLE goals (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    title               text NOT NULL,
    description         text,
    type                text,
    timeframe           text,
    quarter             integer,
    year                integer,
    status              text,
    health              text,
    target_date         TEXT,
    archived            boolean NOT NULL DEFAULT false,
    linked_customer_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX goals_page ON goals (venture_id, created_at, id);

CREATE TABLE key_results (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    goal_id     TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    description text NOT NULL,
    target      numeric,
    current     numeric,
    unit        text,
    status      text,
    progress    numeric GENERATED ALWAYS AS (CASE WHEN target IS NULL OR target = 0 OR current IS NULL THEN NULL
                    ELSE round(max(0, min(1, CAST(current AS REAL) / target)), 4) END) STORED
);
CREATE INDEX key_results_page ON key_results (venture_id, created_at, id);

CREATE TABLE features (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    title               text NOT NULL,
    description         text,
    status              text,
    priority            text,
    stack_layer         text,
    eisenhower_quadrant text,
    assigned_to         TEXT NOT NULL DEFAULT '[]',
    tags                TEXT NOT NULL DEFAULT '[]',
    goal_id             TEXT REFERENCES goals (id) ON DELETE SET NULL
);
CREATE INDEX features_page ON features (venture_id, created_at, id);

CREATE TABLE divisions (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name        text NOT NULL,
    description text,
    leads       TEXT NOT NULL DEFAULT '[]',
    color       text CONSTRAINT divisions_color CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]')
);
CREATE INDEX divisions_page ON divisions (venture_id, created_at, id);

CREATE TABLE initiatives (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    division_id TEXT NOT NULL REFERENCES divisions (id) ON DELETE CASCADE,
    title       text NOT NULL,
    description text,
    status      text,
    priority    text,
    assigned_to TEXT NOT NULL DEFAULT '[]',
    start_date  TEXT,
    target_date TEXT,
    file_ids    TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT initiatives_dates CHECK (target_date IS NULL OR start_date IS NULL OR target_date >= start_date)
);
CREATE INDEX initiatives_page ON initiatives (venture_id, created_at, id);

CREATE TABLE initiative_comments (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    initiative_id TEXT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    content       text NOT NULL
);
CREATE INDEX initiative_comments_page ON initiative_comments (venture_id, created_at, id);

CREATE TABLE market_sizes (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name           text NOT NULL,
    tam            numeric,
    sam            numeric,
    som            numeric,
    currency       text,
    report_content text,
    sources        TEXT,
    keywords       TEXT NOT NULL DEFAULT '[]',
    naics_code     text CONSTRAINT market_sizes_naics CHECK (length(naics_code) BETWEEN 2 AND 6 AND naics_code NOT GLOB '*[^0-9]*'),
    status         text,
    CONSTRAINT market_sizes_nested CHECK ((sam IS NULL OR tam IS NULL OR sam <= tam) AND (som IS NULL OR sam IS NULL OR som <= sam))
);
CREATE INDEX market_sizes_page ON market_sizes (venture_id, created_at, id);

CREATE TABLE competitor_attributes (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name     text NOT NULL,
    tab      text,
    position integer
);
CREATE INDEX competitor_attributes_page ON competitor_attributes (venture_id, created_at, id);

CREATE TABLE competitors (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name          text NOT NULL,
    tab           text,
    website       text,
    attributes    TEXT,
    strengths     text,
    weaknesses    text,
    opportunities text,
    threats       text,
    tags          TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX competitors_page ON competitors (venture_id, created_at, id);

CREATE TABLE revenue_streams (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name               text NOT NULL,
    price              numeric NOT NULL,
    frequency          text NOT NULL,
    quantity           numeric,
    monthly_growth_pct numeric,
    start_month        integer
);
CREATE INDEX revenue_streams_page ON revenue_streams (venture_id, created_at, id);

CREATE TABLE costs (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name               text NOT NULL,
    amount             numeric NOT NULL,
    frequency          text NOT NULL,
    category           text,
    monthly_growth_pct numeric,
    start_month        integer
);
CREATE INDEX costs_page ON costs (venture_id, created_at, id);

CREATE TABLE financial_models (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    name text NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX financial_models_page ON financial_models (venture_id, created_at, id);

CREATE TABLE milestones (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    title         text NOT NULL,
    date          TEXT NOT NULL,
    type          text,
    description   text,
    is_monumental boolean NOT NULL DEFAULT false,
    tags          TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX milestones_page ON milestones (venture_id, created_at, id);

CREATE TABLE calendar_events (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id TEXT NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    title       text NOT NULL,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT,
    all_day     boolean NOT NULL DEFAULT false,
    location    text,
    description text,
    CONSTRAINT calendar_events_order CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX calendar_events_page ON calendar_events (venture_id, created_at, id);
CREATE INDEX key_results_goal ON key_results (goal_id);
CREATE INDEX initiatives_division ON initiatives (division_id);
CREATE INDEX canvas_versions_canvas ON canvas_versions (canvas_id, created_at);

CREATE TABLE custom_roles (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name          text NOT NULL,
    description   text NOT NULL DEFAULT '',
    allowed_pages TEXT NOT NULL DEFAULT '[]',
    can_create    boolean NOT NULL DEFAULT false,
    can_edit      boolean NOT NULL DEFAULT false,
    can_delete    boolean NOT NULL DEFAULT false,
    revision      integer NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now'))
);
CREATE UNIQUE INDEX custom_roles_name ON custom_roles (org_id, lower(name));

CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    venture_id TEXT REFERENCES ventures (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    title      text NOT NULL,
    resource   text,
    record_id  TEXT,
    actor_id   TEXT REFERENCES users (id) ON DELETE SET NULL,
    read_at    TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now'))
);
CREATE INDEX notifications_inbox ON notifications (user_id, org_id, created_at DESC, id);
CREATE INDEX files_folder ON files (folder_id);

-- A file's name searched by the prefixes of its words (PostgreSQL's name_search): an FTS5 index kept by triggers.
CREATE VIRTUAL TABLE files_name_search USING fts5(name, content='files', content_rowid='rowid',
    tokenize = 'unicode61 remove_diacritics 0');
CREATE TRIGGER files_name_search_insert AFTER INSERT ON files BEGIN
    INSERT INTO files_name_search (rowid, name) VALUES (new.rowid, new.name);
END;
CREATE TRIGGER files_name_search_delete AFTER DELETE ON files BEGIN
    INSERT INTO files_name_search (files_name_search, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
CREATE TRIGGER files_name_search_update AFTER UPDATE OF name ON files BEGIN
    INSERT INTO files_name_search (files_name_search, rowid, name) VALUES ('delete', old.rowid, old.name);
    INSERT INTO files_name_search (rowid, name) VALUES (new.rowid, new.name);
END;

CREATE TABLE file_versions (
    file_id      TEXT NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    version      integer NOT NULL,
    object_key   text NOT NULL UNIQUE,
    name         text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    sha256       text NOT NULL,
    uploaded_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (file_id, version)
);

CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    org_id          TEXT REFERENCES organizations (id) ON DELETE CASCADE,
    kind            text NOT NULL,
    recipient       text NOT NULL,
    subject         text NOT NULL,
    body_text       text NOT NULL,
    body_html       text,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    sent_at         TEXT,
    given_up_at     TEXT,
    last_error      text
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
CREATE INDEX mail_outbox_org ON mail_outbox (org_id, created_at);

CREATE TABLE account_tokens (
    token_hash text PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('password_reset', 'email_change')),
    new_email  text,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

CREATE TABLE sso_providers (
    org_id        TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    issuer        text NOT NULL,
    client_id     text NOT NULL,
    client_secret text NOT NULL,
    groups_claim  text NOT NULL DEFAULT 'groups',
    role_mapping  TEXT NOT NULL DEFAULT '{}',
    default_role  text NOT NULL DEFAULT 'member' CHECK (default_role IN ('admin', 'member', 'viewer')),
    email_domains TEXT NOT NULL DEFAULT '[]',
    sso_only      boolean NOT NULL DEFAULT false,
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now'))
);

CREATE TABLE sso_identities (
    issuer     text NOT NULL,
    subject    text NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z','now')),
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_identities_user ON sso_identities (user_id);

CREATE TABLE convex_imports (
    id          TEXT PRIMARY KEY,
    deployment  TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    export_name text NOT NULL,
    report      TEXT NOT NULL
);

CREATE TABLE convex_documents (
    convex_id    text PRIMARY KEY,
    deployment   TEXT NOT NULL,
    convex_table text NOT NULL,
    document     TEXT NOT NULL,
    our_table    text,
    our_id       TEXT,
    checksum     text,
    source_hash  text NOT NULL,
    first_import TEXT NOT NULL REFERENCES convex_imports (id) DEFERRABLE INITIALLY DEFERRED,
    last_import  TEXT NOT NULL REFERENCES convex_imports (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX convex_documents_seen ON convex_documents (deployment, last_import);
CREATE INDEX convex_documents_ours ON convex_documents (our_table, our_id);

-- Sessions (PostgreSQL's stack keeps them in Redis): a token's SHA-256, its user, when it ends if unused (idle) and
-- at the latest (max age), and what the person sees of it.
CREATE TABLE sessions (
    hash        text PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    value       text NOT NULL,
    idle_until  integer NOT NULL,
    ends_at     integer NOT NULL,
    info        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_end ON sessions (idle_until);
