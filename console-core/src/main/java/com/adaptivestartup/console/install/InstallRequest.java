package com.adaptivestartup.console.install;

import java.nio.file.Path;

/**
 * What to install. {@code registry} overrides the license's registry address (null: the license's);
 * {@code release} is the signed release manifest's file or URL.
 */
public record InstallRequest(String licenseText, Path directory, String project, int httpPort, String adminEmail,
                             String registry, String release) {
}
