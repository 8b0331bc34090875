-- Undoes V9 (release 1.2.0 -> 1.1.0). Nothing to do: 1.1.0 reads neither table, and keeping them keeps the map of
-- an import, so a later import of a newer export after an update finds what it brought before.
SELECT 1;
