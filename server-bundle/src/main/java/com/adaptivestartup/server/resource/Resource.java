package com.adaptivestartup.server.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of record of a venture (goals, features, interviews...), declared once: where it lives, its fields and
 * what its database refuses in words. {@link ResourceService} does the rest for every kind alike.
 *
 * @param path        its segment in the URL, {@code /api/orgs/{org}/ventures/{venture}/<path>}, and its name in
 *                    live events and custom roles' pages
 * @param table       its table, which has the common columns (id, org_id, venture_id, source, revision,
 *                    created_by, created_at, updated_at) and one column per field
 * @param noun        what one record is called in messages and the activity log ({@code "key result"})
 * @param page        the page of the app it belongs to, which custom roles allow or not
 * @param constraints the database's check constraints by name, each with the sentence a refusal becomes
 */
public record Resource(String path, String table, String noun, String page, List<Field> fields,
                       Map<String, String> constraints) {

    public Resource {
        fields = List.copyOf(fields);
        constraints = Map.copyOf(constraints);
    }

    public static Resource of(String path, String noun, String page, Field... fields) {
        return new Resource(path, path.replace('-', '_'), noun, page, List.of(fields), Map.of());
    }

    /** The same resource with a check constraint's refusal in words. */
    public Resource refusing(String constraint, String sentence) {
        var all = new java.util.HashMap<>(constraints);
        all.put(constraint, sentence);
        return new Resource(path, table, noun, page, fields, all);
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The activity log's name for this kind ({@code key result} -> {@code key_result}). */
    public String entityType() {
        return noun.replace(' ', '_');
    }

    public List<Field> writable() {
        return fields.stream().filter(Field::writable).toList();
    }

    List<String> filterNames() {
        List<String> names = new ArrayList<>();
        fields.stream().filter(Field::filterable).forEach(f -> names.add(f.name()));
        return names;
    }
}
