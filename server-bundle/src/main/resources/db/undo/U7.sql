-- Undoes V7 (release 1.2.0 -> 1.1.0). Every row is kept: the workspace's tables and the venture's new columns
-- stay (1.1.0 does not name them), so an update back to 1.2.0 finds them again. 1.1.0 does not know custom roles:
-- while it runs, their holders have their built-in role's rights. What 1.1.0 reads is brought up to
-- date: each venture's current lean canvas is written back into data.leanCanvas, where 1.1.0 keeps it (past the
-- documents' ceiling if it must: the ceiling is put back NOT VALID, as V6 made it, so no canvas is lost to it).
ALTER TABLE ventures DROP CONSTRAINT IF EXISTS ventures_data_size;
UPDATE ventures v SET data = jsonb_set(v.data, '{leanCanvas}', coalesce(v.data -> 'leanCanvas', '{}'::jsonb) || c.sections)
FROM canvases c
WHERE v.current_canvas_id = c.id AND c.kind = 'lean';
ALTER TABLE ventures ADD CONSTRAINT ventures_data_size CHECK (octet_length(data::text) <= 262144) NOT VALID;
ALTER TABLE ventures DROP CONSTRAINT IF EXISTS ventures_slug_form;
