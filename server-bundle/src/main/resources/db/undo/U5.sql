-- Undoes V5 (release 1.1.0 -> 1.0.0): metrics lose their unit. Every row written since is kept; only the
-- units themselves, which 1.0.0 does not know, are dropped.
ALTER TABLE metrics DROP CONSTRAINT IF EXISTS metrics_unit_known;
ALTER TABLE metrics DROP COLUMN IF EXISTS unit;
