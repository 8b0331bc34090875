-- Release 1.2.0: bringing a company's data from Adaptive Startup Cloud (a Convex export). Every document of an
-- export is kept here as Convex wrote it, whether or not this release has a home for it, with where it went: the
-- map of Convex ids to ours that a later import of a newer export of the same deployment follows (to update what
-- changed, add what is new and find what was deleted in the cloud), and the archive a later release maps from.
--
-- Written to be run again: the undo script (U9) keeps both tables (1.1.0 does not read them).

CREATE TABLE IF NOT EXISTS convex_imports (
    id          uuid PRIMARY KEY,
    -- the Convex deployment the export came from (ours to name it: an export does not say), the same for every
    -- import of it, told apart from another deployment's by the documents they share
    deployment  uuid NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NOT NULL,
    export_name text NOT NULL,
    report      jsonb NOT NULL
);

CREATE TABLE IF NOT EXISTS convex_documents (
    convex_id    text PRIMARY KEY,
    deployment   uuid NOT NULL,
    convex_table text NOT NULL,
    document     jsonb NOT NULL,
    -- where the document went: a table of ours and the id there, or nothing (kept here only)
    our_table    text,
    our_id       uuid,
    -- the mapped values' fingerprint, compared with what is stored when an import is verified
    checksum     text,
    -- the SHA-256 of the document as exported: an import skips what has not changed since the last one, so changes
    -- made here to an imported record stay until the record changes in the cloud
    source_hash  text NOT NULL,
    first_import uuid NOT NULL REFERENCES convex_imports (id) DEFERRABLE INITIALLY DEFERRED,
    last_import  uuid NOT NULL REFERENCES convex_imports (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX IF NOT EXISTS convex_documents_seen ON convex_documents (deployment, last_import);
CREATE INDEX IF NOT EXISTS convex_documents_ours ON convex_documents (our_table, our_id);
