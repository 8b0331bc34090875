package com.adaptivestartup.server.file;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How files are organized from release 1.2.0: a folder of their venture (the workspace's {@code folders}), tags, a
 * description, a version number, and the search over names (PostgreSQL full-text on the name's words, each word
 * matched as a prefix).
 */
public final class FileLibrary {
    /** The workspace page files belong to, for custom roles. */
    public static final String PAGE = "files";
    static final String COLUMNS = ", folder_id, tags, description, version";
    private static final int MAX_WORDS = 8;

    private FileLibrary() {
    }

    /** The organization of a file, shown beside its other fields. */
    public record Organization(UUID folderId, List<String> tags, String description, int version) {
    }

    /** What a listing asks for: the venture, a folder (or the venture's top level), a tag, words of the name. */
    public record Query(UUID ventureId, UUID folderId, boolean topLevel, String tag, String words) {
    }

    record Filter(String where, List<Object> params) {
    }

    static Organization organization(ResultSet r) throws SQLException {
        return new Organization(Sql.uuid(r, "folder_id"), List.copyOf(Sql.strings(r, "tags")),
                r.getString("description"), r.getInt("version"));
    }

    static Filter filter(Query q, com.adaptivestartup.server.db.Dialect dialect) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (q.ventureId() != null) {
            where.append(" AND venture_id = ?");
            params.add(q.ventureId());
        }
        if (q.folderId() != null) {
            where.append(" AND folder_id = ?");
            params.add(q.folderId());
        } else if (q.topLevel()) {
            where.append(" AND folder_id IS NULL");
        }
        if (q.tag() != null) {
            where.append(" AND ").append(dialect.arrayHolds("tags"));
            params.add(q.tag());
        }
        List<String> terms = words(q.words());
        if (!terms.isEmpty()) {
            where.append(" AND ").append(dialect.nameMatches());
            params.add(dialect.prefixSearch(terms));
        }
        return new Filter(where.toString(), params);
    }

    /** "pitch Deck-2" -> pitch, deck, 2: only letters and digits reach the query, each word a prefix. */
    static List<String> words(String words) {
        if (words == null || words.isBlank()) {
            return List.of();
        }
        List<String> terms = new ArrayList<>();
        for (String w : words.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && terms.size() < MAX_WORDS) {
                terms.add(w);
            }
        }
        return terms;
    }

    /** Puts a file into a folder, which must be of the file's venture. */
    static void placeIn(Sql.Tx tx, UUID orgId, UUID ventureId, UUID fileId, UUID folderId) throws SQLException {
        if (folderId != null && (ventureId == null || tx.one("SELECT 1 FROM folders WHERE org_id = ? AND venture_id = ? AND id = ?",
                r -> 1, orgId, ventureId, folderId).isEmpty())) {
            throw ApiError.badRequest("'folderId' must be a folder of the file's venture");
        }
        tx.update("UPDATE files SET folder_id = ? WHERE id = ?", folderId, fileId);
    }
}
