package com.adaptivestartup.server.convex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What an import knows as it goes: where each Convex document went (our resource, id, venture, organization), who
 * each person is here (by Convex user id, WorkOS subject, email or team member id), who is in which organization.
 * References resolve through it ({@link Body.Links}); it holds no database connection.
 */
final class Placements implements Body.Links {
    /** Where a Convex document went. */
    record Place(String resource, UUID id, UUID ventureId, UUID orgId) {
    }

    /** Writes a stored file that a document names without a file document of its own; null when it is not there. */
    @FunctionalInterface
    interface StoredFiles {
        UUID write(String storageId, UUID ventureId, String suggestedName);
    }

    final Map<String, Place> places = new HashMap<>();
    /** Convex user ids, WorkOS subjects ("token:"), emails ("email:") and team member ids -> our user. */
    final Map<String, UUID> people = new HashMap<>();
    final Map<UUID, Set<UUID>> members = new HashMap<>();
    /** "resource/venture" -> the first record of that resource imported into the venture. */
    final Map<String, UUID> firsts = new HashMap<>();
    final Map<String, UUID> storageFiles = new HashMap<>();
    /** WorkOS organization id (or "personal:" + user) -> our organization. */
    final Map<String, UUID> orgByKey = new HashMap<>();
    /** "org id/role name as a choice" -> the custom role made for it. */
    final Map<String, UUID> customRoleByName = new HashMap<>();
    final Map<UUID, UUID> ventureCreator = new HashMap<>();
    final Map<UUID, UUID> ventureOrg = new HashMap<>();
    /** The installation's first account: who made what the export names no author for. */
    UUID installationOwner;
    private final StoredFiles storedFiles;

    Placements(StoredFiles storedFiles) {
        this.storedFiles = storedFiles;
    }

    @Override
    public UUID record(String convexId, String resource, UUID ventureId) {
        Place p = places.get(convexId);
        return p != null && p.resource().equals(resource) && p.ventureId().equals(ventureId) ? p.id() : null;
    }

    @Override
    public UUID member(String reference, UUID orgId) {
        UUID user = people.get(reference);
        if (user == null) {
            user = people.get("token:" + reference);
        }
        if (user == null && reference.contains("@")) {
            user = people.get("email:" + reference.strip().toLowerCase(Locale.ROOT));
        }
        return user != null && members.getOrDefault(orgId, Set.of()).contains(user) ? user : null;
    }

    @Override
    public UUID file(String storageId, UUID ventureId, String suggestedName) {
        UUID known = storageFiles.get(storageId);
        if (known != null) {
            return known;
        }
        UUID written = storedFiles.write(storageId, ventureId, suggestedName);
        if (written != null) {
            storageFiles.put(storageId, written);
        }
        return written;
    }

    @Override
    public UUID first(String resource, UUID ventureId) {
        return firsts.get(resource + "/" + ventureId);
    }

    /** The key of a project's organization: its WorkOS organization, or its creator's own for a personal project. */
    String orgKey(ObjectNode project) {
        String org = ConvexValues.text(project.get("orgId"));
        if (org != null && !org.isBlank()) {
            return org;
        }
        return "personal:" + Optional.ofNullable(ConvexValues.text(project.get("creatorId")))
                .orElse(ConvexValues.text(project.get("userId")));
    }

    /** The first of the document's author fields that names someone imported. */
    UUID person(ObjectNode doc, String... fields) {
        for (String f : fields) {
            String ref = ConvexValues.text(doc.get(f));
            if (ref != null) {
                UUID user = people.getOrDefault(ref, people.get("token:" + ref));
                if (user != null) {
                    return user;
                }
            }
        }
        return null;
    }

    /** Who made a record: its author when imported and in the organization, else nobody named. */
    UUID author(ObjectNode doc, UUID orgId) {
        UUID user = person(doc, "creatorId", "createdBy", "userId");
        return user != null && members.getOrDefault(orgId, Set.of()).contains(user) ? user : null;
    }

    /** The organization of a document that names its venture (or, failing that, its WorkOS organization). */
    UUID organizationOf(ObjectNode doc) {
        Place venture = places.get(ConvexValues.text(doc.get("projectId")));
        return venture != null ? venture.orgId() : orgByKey.get(ConvexValues.text(doc.get("orgId")));
    }
}
