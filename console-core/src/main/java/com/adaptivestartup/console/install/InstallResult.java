package com.adaptivestartup.console.install;

import java.util.Map;

/**
 * A finished install. {@code adminPassword} is the first admin's initial password the one time it was
 * created (null on later runs); {@code changes} says per service what the run did.
 */
public record InstallResult(String project, String version, String url, String adminEmail, String adminPassword,
                            Map<String, String> changes) {
    public boolean changedNothing() {
        return adminPassword == null && changes.values().stream().allMatch("UNCHANGED"::equals);
    }
}
