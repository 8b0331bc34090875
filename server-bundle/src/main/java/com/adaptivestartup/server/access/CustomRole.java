package com.adaptivestartup.server.access;

import java.util.List;
import java.util.UUID;

/**
 * A role an organization's admins define (from release 1.2.0): the workspace pages its holders see and whether
 * they may create, edit and delete there. It narrows a member's or viewer's rights on those pages; founders and
 * admins always have every right.
 */
public record CustomRole(UUID id, String name, String description, List<String> allowedPages, boolean canCreate,
                         boolean canEdit, boolean canDelete, int revision) {

    public boolean allows(String page, Action action) {
        if (!allowedPages.contains(page)) {
            return false;
        }
        return switch (action) {
            case VIEW -> true;
            case CREATE -> canCreate;
            case EDIT -> canEdit;
            case DELETE -> canDelete;
        };
    }
}
