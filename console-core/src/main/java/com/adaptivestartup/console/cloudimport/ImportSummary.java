package com.adaptivestartup.console.cloudimport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An import's report in a few numbers and rows, as the console and the CLI show it: per table what was read,
 * created, updated, unchanged, skipped (with why) and deleted in the cloud; files and bytes; accounts; whether it
 * verified.
 */
public record ImportSummary(String export, boolean dryRun, boolean verified, long documents, long created, long updated,
                            long unchanged, long skipped, long deletedInCloud, long removed, long files, long fileBytes,
                            long accountsCreated, long accountsLinked, long archivedOnly, List<Row> rows) {

    /** One table: where it went and its counts; {@code why} the reasons for what was skipped or not carried. */
    public record Row(String table, String into, long read, long created, long updated, long unchanged, long skipped,
                      long deletedInCloud, long removed, List<String> why) {
    }

    public static ImportSummary of(JsonNode report) {
        List<Row> rows = new ArrayList<>();
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        long skipped = 0;
        long deleted = 0;
        long removed = 0;
        long documents = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode t = e.getValue();
            List<String> why = new ArrayList<>();
            t.path("skippedBecause").fields().forEachRemaining(r -> why.add("skipped " + r.getValue().asLong() + ": "
                    + r.getKey()));
            t.path("valuesNotCarried").fields().forEachRemaining(r -> why.add("not carried " + r.getValue().asLong()
                    + ": " + r.getKey()));
            if (t.path("fieldsNotMapped").size() > 0) {
                List<String> names = new ArrayList<>();
                t.path("fieldsNotMapped").forEach(n -> names.add(n.asText()));
                why.add("fields kept only in the archive: " + String.join(", ", names));
            }
            Row row = new Row(e.getKey(), t.path("into").asText(""), t.path("read").asLong(), t.path("created").asLong(),
                    t.path("updated").asLong(), t.path("unchanged").asLong(), t.path("skipped").asLong(),
                    t.path("deletedInCloud").asLong(), t.path("removed").asLong(), List.copyOf(why));
            rows.add(row);
            documents += row.read();
            created += row.created();
            updated += row.updated();
            unchanged += row.unchanged();
            skipped += row.skipped();
            deleted += row.deletedInCloud();
            removed += row.removed();
        }
        long archived = 0;
        for (JsonNode n : report.path("archivedOnly")) {
            archived += n.asLong();
        }
        JsonNode files = report.path("files");
        JsonNode accounts = report.path("accounts");
        return new ImportSummary(report.path("export").asText(), report.path("dryRun").asBoolean(),
                report.path("verification").path("ok").asBoolean(), documents + archived, created, updated, unchanged,
                skipped, deleted, removed, files.path("imported").asLong(), files.path("bytes").asLong(),
                accounts.path("created").asLong(), accounts.path("linkedToExisting").asLong(), archived, List.copyOf(rows));
    }

    /** One line: what the import did. */
    public String sentence() {
        return (dryRun ? "Dry run of " : "Imported ") + export + ": " + documents + " documents read, " + created
                + " records created, " + updated + " updated, " + unchanged + " unchanged, " + skipped + " skipped; "
                + files + " files (" + megabytes(fileBytes) + "); " + accountsCreated + " accounts created, "
                + accountsLinked + " linked; " + archivedOnly + " documents kept in the archive only"
                + (deletedInCloud > 0 ? "; " + deletedInCloud + " deleted in the cloud since the last import"
                + (removed > 0 ? " (" + removed + " removed here)" : "") : "")
                + (verified ? "; verified" : "; NOT verified") + (dryRun ? ". Nothing was changed." : ".");
    }

    public static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
}
