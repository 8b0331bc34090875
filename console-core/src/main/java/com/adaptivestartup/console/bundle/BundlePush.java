package com.adaptivestartup.console.bundle;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.DockerProblem;
import com.adaptivestartup.console.docker.RegistryAuth;
import com.adaptivestartup.console.release.ReleaseManifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An offline bundle's images pushed into the customer's own registry, for an air-gapped Kubernetes cluster to pull
 * there: loaded into the engine and checked as for an install (the signed index, each image's content id), tagged
 * {@code <registry>/<repository>:<version>}, pushed, and the temporary tag removed. The registry makes its own manifests,
 * so their digests are not the release's; `adaptivectl kubernetes` checks each by its image id instead.
 */
public final class BundlePush {
    /** A registry as images name it: host, host:port, and a project path if the registry has them. */
    public static final String REGISTRY = "[A-Za-z0-9.-]+(:\\d{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*";

    private BundlePush() {
    }

    /** Each service's image as pushed, {@code <registry>/<repository>@sha256:...}. */
    public static Map<String, String> push(BundleReader.Verified bundle, DockerEngine engine, String registry, RegistryAuth auth,
                                           BundleReader.Progress progress) {
        checkAddress(registry);
        bundle.loadImages(engine, progress);
        return pushImages(engine, bundle.index().images(), bundle.release(), registry, auth);
    }

    /**
     * The images the engine has ({@code ids}: by service, the release's content ids) pushed under {@code registry} with
     * the release's repository names and version as the tag; each service's pushed reference by digest.
     */
    public static Map<String, String> pushImages(DockerEngine engine, Map<String, String> ids, ReleaseManifest release,
                                                 String registry, RegistryAuth auth) {
        checkAddress(registry);
        Map<String, String> pushed = new LinkedHashMap<>();
        for (var e : ids.entrySet()) {
            ReleaseManifest.ImageRef ref = release.images().get(e.getKey());
            if (ref == null) {
                continue;
            }
            String repository = registry + "/" + ref.repository();
            engine.tagImage(e.getValue(), repository, release.version());
            try {
                String digest = engine.push(repository, release.version(), auth, (layer, status, current, total) -> { });
                pushed.put(e.getKey(), repository + "@" + digest);
            } catch (DockerProblem problem) {
                throw new BundleProblem(problem.getMessage() + "; run the push again (what was pushed stays)", problem);
            } finally {
                engine.removeImage(repository + ":" + release.version());
            }
        }
        return pushed;
    }

    private static void checkAddress(String registry) {
        if (registry == null || !registry.matches(REGISTRY)) {
            throw new BundleProblem("'" + registry + "' is not a registry address (host, host:port, and a project path if"
                    + " the registry has them, such as registry.acme.internal:5000/adaptive)");
        }
    }
}
