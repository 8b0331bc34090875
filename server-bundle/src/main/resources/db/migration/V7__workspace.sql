-- Release 1.2.0: the founder's workspace (wave 1 of the full application). One table per kind of record, each
-- with the same common columns (the server's resource layer relies on them: org and venture on every row, the
-- source (human or AI), a revision for stale writes, who and when) and one column per field. Enumerations are
-- checked by the server, which names the allowed values; the database keeps what must hold whatever writes.
--
-- Written to be run again: the undo script (U7) keeps these tables and their rows when the schema goes back to
-- 1.1.0 (which does not know them), so an update after a rollback finds them and brings back everything.

CREATE TABLE IF NOT EXISTS folders (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name       text NOT NULL,
    parent_id  uuid REFERENCES folders (id) ON DELETE CASCADE,
    tags       text[] NOT NULL DEFAULT '{}',
    CONSTRAINT folders_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX IF NOT EXISTS folders_page ON folders (venture_id, created_at, id);

-- Documents (white paper, business plan, wiki pages...): rich text as the editor's JSON, filed in folders, locked
-- against changes when finished, with named versions to go back to.
CREATE TABLE IF NOT EXISTS documents (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    folder_id  uuid REFERENCES folders (id) ON DELETE SET NULL,
    title      text NOT NULL,
    type       text,
    content    jsonb,
    tags       text[] NOT NULL DEFAULT '{}',
    is_locked  boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS documents_page ON documents (venture_id, created_at, id);
CREATE TABLE IF NOT EXISTS document_versions (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name        text NOT NULL,
    content     jsonb
);
CREATE INDEX IF NOT EXISTS document_versions_page ON document_versions (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS canvases (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name       text NOT NULL,
    kind       text NOT NULL DEFAULT 'lean' CHECK (kind IN ('lean', 'business_model')),
    sections   jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS canvases_page ON canvases (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS canvas_versions (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    canvas_id  uuid NOT NULL REFERENCES canvases (id) ON DELETE CASCADE,
    name       text NOT NULL,
    sections   jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS canvas_versions_page ON canvas_versions (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS interviews (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name               text NOT NULL,
    customer_status    text,
    willingness_to_pay text,
    sentiment          text,
    segment            text,
    tags               text[] NOT NULL DEFAULT '{}',
    custom_data        jsonb,
    ai_analysis        text,
    last_contact_at    date,
    next_follow_up_at  date
);
CREATE INDEX IF NOT EXISTS interviews_page ON interviews (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS video_interviews (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name           text NOT NULL,
    email          text,
    interview_id   uuid REFERENCES interviews (id) ON DELETE SET NULL,
    waiver_file_id uuid REFERENCES files (id) ON DELETE SET NULL,
    video_file_id  uuid REFERENCES files (id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS video_interviews_page ON video_interviews (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS goals (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    title               text NOT NULL,
    description         text,
    type                text,
    timeframe           text,
    quarter             integer,
    year                integer,
    status              text,
    health              text,
    target_date         date,
    archived            boolean NOT NULL DEFAULT false,
    linked_customer_ids uuid[] NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS goals_page ON goals (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS key_results (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    goal_id     uuid NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    description text NOT NULL,
    target      numeric,
    current     numeric,
    unit        text,
    status      text,
    progress    numeric GENERATED ALWAYS AS (CASE WHEN target IS NULL OR target = 0 OR current IS NULL THEN NULL
                    ELSE round(greatest(0, least(1, current / target)), 4) END) STORED
);
CREATE INDEX IF NOT EXISTS key_results_page ON key_results (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS features (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    title               text NOT NULL,
    description         text,
    status              text,
    priority            text,
    stack_layer         text,
    eisenhower_quadrant text,
    assigned_to         uuid[] NOT NULL DEFAULT '{}',
    tags                text[] NOT NULL DEFAULT '{}',
    goal_id             uuid REFERENCES goals (id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS features_page ON features (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS divisions (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name        text NOT NULL,
    description text,
    leads       uuid[] NOT NULL DEFAULT '{}',
    color       text CONSTRAINT divisions_color CHECK (color ~ '^#[0-9a-fA-F]{6}$')
);
CREATE INDEX IF NOT EXISTS divisions_page ON divisions (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS initiatives (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    division_id uuid NOT NULL REFERENCES divisions (id) ON DELETE CASCADE,
    title       text NOT NULL,
    description text,
    status      text,
    priority    text,
    assigned_to uuid[] NOT NULL DEFAULT '{}',
    start_date  date,
    target_date date,
    file_ids    uuid[] NOT NULL DEFAULT '{}',
    CONSTRAINT initiatives_dates CHECK (target_date IS NULL OR start_date IS NULL OR target_date >= start_date)
);
CREATE INDEX IF NOT EXISTS initiatives_page ON initiatives (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS initiative_comments (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    initiative_id uuid NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    content       text NOT NULL
);
CREATE INDEX IF NOT EXISTS initiative_comments_page ON initiative_comments (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS market_sizes (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name           text NOT NULL,
    tam            numeric,
    sam            numeric,
    som            numeric,
    currency       text,
    report_content text,
    sources        jsonb,
    keywords       text[] NOT NULL DEFAULT '{}',
    naics_code     text CONSTRAINT market_sizes_naics CHECK (naics_code ~ '^[0-9]{2,6}$'),
    status         text,
    CONSTRAINT market_sizes_nested CHECK ((sam IS NULL OR tam IS NULL OR sam <= tam) AND (som IS NULL OR sam IS NULL OR som <= sam))
);
CREATE INDEX IF NOT EXISTS market_sizes_page ON market_sizes (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS competitor_attributes (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name     text NOT NULL,
    tab      text,
    position integer
);
CREATE INDEX IF NOT EXISTS competitor_attributes_page ON competitor_attributes (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS competitors (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name          text NOT NULL,
    tab           text,
    website       text,
    attributes    jsonb,
    strengths     text,
    weaknesses    text,
    opportunities text,
    threats       text,
    tags          text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS competitors_page ON competitors (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS revenue_streams (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name               text NOT NULL,
    price              numeric NOT NULL,
    frequency          text NOT NULL,
    quantity           numeric,
    monthly_growth_pct numeric,
    start_month        integer
);
CREATE INDEX IF NOT EXISTS revenue_streams_page ON revenue_streams (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS costs (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name               text NOT NULL,
    amount             numeric NOT NULL,
    frequency          text NOT NULL,
    category           text,
    monthly_growth_pct numeric,
    start_month        integer
);
CREATE INDEX IF NOT EXISTS costs_page ON costs (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS financial_models (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    name text NOT NULL,
    data jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS financial_models_page ON financial_models (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS milestones (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    title         text NOT NULL,
    date          date NOT NULL,
    type          text,
    description   text,
    is_monumental boolean NOT NULL DEFAULT false,
    tags          text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS milestones_page ON milestones (venture_id, created_at, id);

CREATE TABLE IF NOT EXISTS calendar_events (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    venture_id uuid NOT NULL REFERENCES ventures (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'ai')),
    revision   integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    title       text NOT NULL,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz,
    all_day     boolean NOT NULL DEFAULT false,
    location    text,
    description text,
    CONSTRAINT calendar_events_order CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX IF NOT EXISTS calendar_events_page ON calendar_events (venture_id, created_at, id);

CREATE INDEX IF NOT EXISTS key_results_goal ON key_results (goal_id);
CREATE INDEX IF NOT EXISTS initiatives_division ON initiatives (division_id);
CREATE INDEX IF NOT EXISTS canvas_versions_canvas ON canvas_versions (canvas_id, created_at);

-- Custom roles: the workspace pages a member or viewer holding one sees, and whether they may create, edit and
-- delete there. A role in use cannot be deleted (the server refuses; the foreign key would widen access).
CREATE TABLE IF NOT EXISTS custom_roles (
    id            uuid PRIMARY KEY,
    org_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name          text NOT NULL,
    description   text NOT NULL DEFAULT '',
    allowed_pages text[] NOT NULL DEFAULT '{}',
    can_create    boolean NOT NULL DEFAULT false,
    can_edit      boolean NOT NULL DEFAULT false,
    can_delete    boolean NOT NULL DEFAULT false,
    revision      integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS custom_roles_name ON custom_roles (org_id, lower(name));
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS custom_role_id uuid REFERENCES custom_roles (id) ON DELETE RESTRICT;

-- Notifications, one per person and event (assigned to something, a comment on what they are assigned to), with
-- their read state.
CREATE TABLE IF NOT EXISTS notifications (
    id         uuid PRIMARY KEY,
    org_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    venture_id uuid REFERENCES ventures (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    title      text NOT NULL,
    resource   text,
    record_id  uuid,
    actor_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    read_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notifications_inbox ON notifications (user_id, org_id, created_at DESC, id);

-- Files: folders (a workspace resource), tags, a description, versions, and a search on names.
ALTER TABLE files ADD COLUMN IF NOT EXISTS folder_id uuid REFERENCES folders (id) ON DELETE SET NULL;
ALTER TABLE files ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE files ADD COLUMN IF NOT EXISTS description text;
ALTER TABLE files ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;
ALTER TABLE files ADD COLUMN IF NOT EXISTS version_at timestamptz;
ALTER TABLE files ADD COLUMN IF NOT EXISTS name_search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(name, '[^[:alnum:]]+', ' ', 'g'))) STORED;
CREATE INDEX IF NOT EXISTS files_name_search ON files USING gin (name_search);
CREATE INDEX IF NOT EXISTS files_folder ON files (folder_id);
-- Each earlier version of a file: its bytes stay in the object store under their own key.
CREATE TABLE IF NOT EXISTS file_versions (
    file_id      uuid NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    version      integer NOT NULL,
    object_key   text NOT NULL UNIQUE,
    name         text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    sha256       text NOT NULL,
    uploaded_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (file_id, version)
);

-- The venture's profile.
ALTER TABLE ventures ADD COLUMN IF NOT EXISTS slug text;
ALTER TABLE ventures ADD COLUMN IF NOT EXISTS logo_file_id uuid REFERENCES files (id) ON DELETE SET NULL;
ALTER TABLE ventures ADD COLUMN IF NOT EXISTS founding_date date;
ALTER TABLE ventures ADD COLUMN IF NOT EXISTS industry text;
ALTER TABLE ventures ADD COLUMN IF NOT EXISTS stage text;
ALTER TABLE ventures ADD COLUMN IF NOT EXISTS current_canvas_id uuid REFERENCES canvases (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ventures_slug ON ventures (org_id, slug) WHERE slug IS NOT NULL AND deleted_at IS NULL;
ALTER TABLE ventures DROP CONSTRAINT IF EXISTS ventures_slug_form;
ALTER TABLE ventures ADD CONSTRAINT ventures_slug_form CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$') NOT VALID;

-- Each venture's lean canvas (1.0.0-1.1.0 kept it in data.leanCanvas) becomes its first canvas, the current one.
-- Only its text sections move. Run again after a rollback, the canvas is brought up to what 1.1.0 last saved.
INSERT INTO canvases (id, org_id, venture_id, created_by, name, kind, sections, created_at, updated_at)
SELECT gen_random_uuid(), v.org_id, v.id, v.created_by, 'Lean canvas', 'lean',
       coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(v.data -> 'leanCanvas') e
                 WHERE jsonb_typeof(e.value) = 'string'
                   AND e.key IN ('problem', 'solution', 'keyMetrics', 'uniqueValueProposition', 'unfairAdvantage',
                                 'channels', 'customerSegments', 'costStructure', 'revenueStreams')), '{}'::jsonb),
       v.created_at, v.updated_at
FROM ventures v
WHERE v.current_canvas_id IS NULL AND jsonb_typeof(v.data -> 'leanCanvas') = 'object';
UPDATE ventures v SET current_canvas_id = c.id
FROM canvases c
WHERE v.current_canvas_id IS NULL AND c.venture_id = v.id AND c.name = 'Lean canvas';
UPDATE canvases c SET sections = c.sections || (SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
                                               FROM jsonb_each(v.data -> 'leanCanvas') e
                                               WHERE jsonb_typeof(e.value) = 'string' AND e.key IN ('problem', 'solution', 'keyMetrics', 'uniqueValueProposition', 'unfairAdvantage',
                                 'channels', 'customerSegments', 'costStructure', 'revenueStreams')),
                      revision = c.revision + 1, updated_at = now()
FROM ventures v
WHERE v.current_canvas_id = c.id AND c.kind = 'lean' AND jsonb_typeof(v.data -> 'leanCanvas') = 'object'
  AND NOT (c.sections @> (SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
                          FROM jsonb_each(v.data -> 'leanCanvas') e
                          WHERE jsonb_typeof(e.value) = 'string' AND e.key IN ('problem', 'solution', 'keyMetrics', 'uniqueValueProposition', 'unfairAdvantage',
                                 'channels', 'customerSegments', 'costStructure', 'revenueStreams')));
