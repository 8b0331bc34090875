package com.adaptivestartup.console.kubernetes;

import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.outbound.RegistryManifests;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes edition on the customer's side: a release's chart checked (its signed release verified with the
 * vendor's keys, the license usable and covering that release) and rendered or installed with Helm. The images and the
 * registry's pull secret come from the signed release and the license, in a values file given to Helm last, so no
 * other values file can swap an image.
 */
public final class KubernetesService {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final LicenseService licenses;
    private final ReleaseSource releases;
    private final Helm helm;
    private final RegistryManifests registries;

    public KubernetesService(LicenseService licenses, ReleaseSource releases, Helm helm, RegistryManifests registries) {
        this.licenses = licenses;
        this.releases = releases;
        this.helm = helm;
        this.registries = registries;
    }

    /**
     * The customer's own registry (an air-gapped cluster: the images pushed there with `adaptivectl bundle push`), and the
     * account this console reads it with and the cluster pulls with (null: none needed, or a pull secret of the admin's
     * own in their values).
     */
    public record OwnRegistry(String address, String username, String password) {
        public OwnRegistry {
            if (address == null || !address.matches(com.adaptivestartup.console.bundle.BundlePush.REGISTRY)) {
                throw new IllegalArgumentException("'" + address + "' is not a registry address (host, host:port, and a"
                        + " project path if the registry has them: registry.acme.internal/adaptive)");
            }
        }

        String host() {
            return address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        }

        /** The repository of {@code repository} there: under the project path, if any. */
        String repository(String repository) {
            return address.contains("/") ? address.substring(address.indexOf('/') + 1) + "/" + repository : repository;
        }
    }

    /**
     * What to run: the chart, the release's name and namespace in the cluster, the admin's own values files (applied
     * before the license's), and {@code registry}: the customer's own registry (an air-gapped cluster, its images
     * pushed there from an offline bundle), or null for the license's.
     */
    public record Request(Path chart, String licenseText, String name, String namespace, List<Path> values, OwnRegistry registry) {
        public Request {
            if (name == null || !name.matches("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?")) {
                throw new IllegalArgumentException("the release's name must be lower-case letters, digits and '-', at most"
                        + " 32 (such as adaptive); not '" + name + "'");
            }
            if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException("'" + namespace + "' is not a Kubernetes namespace name");
            }
            for (Path v : values) {
                if (!Files.isReadable(v)) {
                    throw new IllegalArgumentException("cannot read the values file " + v);
                }
            }
            values = List.copyOf(values);
        }
    }

    /** The release a chart is of, verified; with {@code licenseValues}, the values file written for it (owner-only). */
    public record Checked(ReleaseManifest release, Path licenseValues) {
    }

    /** Every object the chart makes for this request, as YAML, after the checks. */
    public String render(Request request, Path workDir) {
        Checked checked = check(request, workDir);
        return helm.template(request.chart(), request.name(), request.namespace(), valuesOf(request, checked));
    }

    /** Installs or upgrades the release in the cluster KUBECONFIG names, waiting until its pods are ready. */
    public String install(Request request, Path workDir, Duration wait) {
        Checked checked = check(request, workDir);
        return helm.upgradeInstall(request.chart(), request.name(), request.namespace(), valuesOf(request, checked), wait);
    }

    /** The chart's signed release verified, the license checked against it, the license's values written. */
    public Checked check(Request request, Path workDir) {
        String signed;
        try {
            signed = HelmChart.signedReleaseOf(request.chart());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the chart " + request.chart() + ": " + e.getMessage());
        }
        ReleaseManifest release = releases.verify(signed, request.chart() + " (" + HelmChart.SIGNED_RELEASE + ")");
        LicenseVerdict verdict = licenses.verify(request.licenseText());
        if (!verdict.usable()) {
            throw new IllegalArgumentException(verdict.message());
        }
        License license = verdict.readLicense().orElseThrow();
        try {
            InstallService.checkVersionAllowed(license, release);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        OwnRegistry own = request.registry();
        values.put("registry", own != null ? own.address() : license.registry().url());
        Map<String, String> images = new LinkedHashMap<>();
        for (String service : HelmChart.SERVICES) {
            ReleaseManifest.ImageRef image = release.images().get(service);
            if (image == null) {
                throw new IllegalArgumentException("release " + release.version() + " has no " + service + " image; the"
                        + " Kubernetes edition starts with release 1.2.0");
            }
            images.put(service, image.repository() + "@" + (own == null ? image.digest() : pushedDigest(own, image, release)));
        }
        values.put("images", images);
        if (own == null) {
            values.put("imagePullSecret", Map.of("create", true, "name", "adaptive-registry", "username",
                    license.registry().username(), "password", license.registry().password()));
        } else if (own.username() != null) {
            values.put("imagePullSecret", Map.of("create", true, "name", "adaptive-registry", "username", own.username(),
                    "password", own.password() == null ? "" : own.password()));
        }
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("license-values.yaml");
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);   // Windows: the user's own folder
            }
            Files.writeString(file, "# From the license and the chart's signed release: the registry, its pull secret and the"
                    + " images by digest.\n" + YAML.writeValueAsString(values));
            return new Checked(release, file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the license's values into " + workDir + ": " + e.getMessage());
        }
    }

    /**
     * The digest of the image the customer's registry holds for this release's tag, once its image id is the one the
     * signed release names (the registry made its own manifest when the image was pushed; the image is the same).
     */
    private String pushedDigest(OwnRegistry own, ReleaseManifest.ImageRef image, ReleaseManifest release) {
        RegistryManifests.Manifest m = registries.manifest(own.host(), own.repository(image.repository()), release.version(),
                own.username(), own.password());
        if (image.id() == null || !image.id().equals(m.configDigest())) {
            throw new IllegalArgumentException(own.address() + "/" + image.repository() + ":" + release.version() + " is not"
                    + " the image release " + release.version() + " signs (" + m.configDigest() + ", not " + image.id()
                    + "); push the offline bundle again with `adaptivectl bundle push`");
        }
        return m.digest();
    }

    private static List<Path> valuesOf(Request request, Checked checked) {
        List<Path> all = new ArrayList<>(request.values());
        all.add(checked.licenseValues());
        return all;
    }
}
