package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.http.ApiError;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every resource the server offers, by path, with its statements built once. */
public final class Catalogue {
    private final Map<String, Resource> byPath = new LinkedHashMap<>();
    private final Map<String, RecordSql> statements = new LinkedHashMap<>();
    private final References references = new References(this);

    public Catalogue(List<Resource> resources) {
        for (Resource r : resources) {
            if (byPath.put(r.path(), r) != null) {
                throw new IllegalArgumentException("two resources at " + r.path());
            }
            statements.put(r.path(), new RecordSql(r));
        }
        for (Resource r : resources) {
            r.fields().stream().filter(f -> f.target() != null && !byPath.containsKey(f.target())).findFirst()
                    .ifPresent(f -> {
                        throw new IllegalArgumentException(r.path() + "." + f.name() + " refers to unknown " + f.target());
                    });
        }
    }

    public Collection<Resource> all() {
        return byPath.values();
    }

    public Optional<Resource> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    public Resource get(String path) {
        return find(path).orElseThrow(() -> ApiError.notFound("a list called " + path));
    }

    RecordSql sql(Resource r) {
        return statements.get(r.path());
    }

    References references() {
        return references;
    }
}
