package com.adaptivestartup.server.convex;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What an import did (or, in a dry run, would do), table by table: documents read, created, updated, unchanged
 * since the last import, skipped with the reason, values not carried with the reason, fields this release does not
 * map, documents deleted in the cloud since the last import; the files and their bytes; the accounts; and the
 * verification. Saved with the installation; the one-time links for people without mail are only in the answer.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class ImportReport {
    public UUID importId;
    public boolean dryRun;
    public String export;
    public long exportBytes;
    public Instant startedAt;
    public Instant finishedAt;
    public final Map<String, Table> tables = new LinkedHashMap<>();
    /** Tables with no home in this release: their documents, kept in the archive for a later release to map. */
    public final Map<String, Long> archivedOnly = new TreeMap<>();
    public final Files files = new Files();
    public final Accounts accounts = new Accounts();
    public final Verification verification = new Verification();
    /** People without a mail server's link: each a one-time link (or code) to choose a password. Not saved. */
    public final List<Invitation> invitations = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public static final class Table {
        public String into;
        public long read;
        public long created;
        public long updated;
        public long unchanged;
        public long skipped;
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public final Map<String, Long> skippedBecause = new TreeMap<>();
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public final Map<String, Long> valuesNotCarried = new TreeMap<>();
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public final Set<String> fieldsNotMapped = new TreeSet<>();
        public long deletedInCloud;
        public long removed;

        void skip(String reason) {
            skipped++;
            skippedBecause.merge(reason, 1L, Long::sum);
        }

        void notCarried(String field, String reason) {
            valuesNotCarried.merge(field + ": " + reason, 1L, Long::sum);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public static final class Files {
        public long inExport;
        public long bytesInExport;
        public long imported;
        public long bytes;
        public long unchanged;
        /** Files in _storage no imported document refers to: left in the export, not carried. */
        public long notReferenced;
        public long bytesNotReferenced;
        /** Files kept as plain downloads (a type the server does not show in the browser). */
        public long asDownloads;
    }

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public static final class Accounts {
        public long created;
        public long linkedToExisting;
        public long invitedByMail;
        public long invitedByLink;
        /** In a dry run: the people who would be sent a link. */
        public long toInvite;
        public long organizations;
        public long memberships;
    }

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public static final class Verification {
        public boolean ok;
        public long records;
        public long matching;
        public long references;
        public long unresolved;
        public long files;
        public long filesMatching;
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public final List<String> problems = new ArrayList<>();
    }

    public record Invitation(String email, String name, String link) {
    }

    /** The report as saved with the installation: without the one-time links. */
    String savedJson() {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) com.adaptivestartup.server.http.Json.MAPPER.valueToTree(this);
        tree.remove("invitations");
        return tree.toString();
    }

    Table table(String name, String into) {
        Table t = tables.computeIfAbsent(name, k -> new Table());
        t.into = into;
        return t;
    }

    /** Documents read across all tables. */
    public long documentsRead() {
        return tables.values().stream().mapToLong(t -> t.read).sum() + archivedOnly.values().stream().mapToLong(n -> n).sum();
    }
}
