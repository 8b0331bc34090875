package com.adaptivestartup.console.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Compose's config-hash of each service of both stack templates, as Debian's docker-compose 1.29 printed it
 * ({@code docker-compose -p golden config --hash='*'}) for a folder named with a space and non-ASCII letters, with
 * this .env and no image on the engine. The end-to-end tests check the same on a running stack with `up -d`.
 */
class ComposeHashTest {
    static final Path DIR = Path.of("/tmp/ch-golden/Ünïcode stack");
    static final Map<String, String> ENV = Map.of(
            "POSTGRES_IMAGE", "registry.invalid/acme/postgres@sha256:" + "1".repeat(64),
            "REDIS_IMAGE", "registry.invalid/acme/redis@sha256:" + "2".repeat(64),
            "STORAGE_IMAGE", "registry.invalid/acme/storage@sha256:" + "3".repeat(64),
            "BACKEND_IMAGE", "registry.invalid/acme/backend@sha256:" + "4".repeat(64),
            "WEB_IMAGE", "registry.invalid/acme/web@sha256:" + "5".repeat(64),
            "HTTP_PORT", "8443", "HTTP_BIND", "127.0.0.1", "BACKEND_MEMORY", "1g");

    private static Map<String, String> hashes(String template, String folder) throws Exception {
        return hashes(template, folder, ENV);
    }

    private static Map<String, String> hashes(String template, String folder, Map<String, String> env) throws Exception {
        StackPlan plan = ComposeTemplate.parse(ComposeTemplate.interpolate(
                Files.readString(Path.of("../server-bundle/src/main/stack/" + template)), env));
        return plan.services().stream().collect(Collectors.toMap(StackPlan.Service::name,
                s -> ComposeHash.of("golden", DIR.resolve(folder), s, null)));
    }

    @Test
    void theHardenedTemplateHashesAsComposeDoes() throws Exception {
        assertThat(hashes("docker-compose.yml", "a")).isEqualTo(Map.of(
                "postgres", "25cc418ef1dc267ec7d2a19d8a2a78c475cd240f4aed788b1f154880ae9c4636",
                "redis", "72083ca09ac8db7234361866808074c4306596b0579af33f328ecf500d665d2a",
                "storage", "994a938e8c4e5d665e43f10fe25799726007d6ae44bcb02e14b5379c6bd44b49",
                "backend", "0fccd8e2b44ee6baeb1c20bbbc8d76ab307563db70a2d45ba12d6956bebcff67",
                "web", "9894e342326e2ce673a05d075a97391a44b6c65b1b95bf00253d56730c83308b"));
    }

    /** Compose leaves the replica count out of each container's hash: scaling replaces nothing (checked with 1.29). */
    @Test
    void theServersReplicaCountIsNotPartOfItsHash() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("BACKEND_REPLICAS", "3");
        assertThat(hashes("docker-compose.yml", "a", env)).isEqualTo(hashes("docker-compose.yml", "a"));
    }

    /** The same with an address: HTTPS published on its port, the public URL and the certificate's fingerprint. */
    @Test
    void theHardenedTemplateWithAnAddressHashesAsComposeDoes() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.putAll(Map.of("PUBLIC_URL", "https://startup.acme.local:9443/", "HTTPS_PORT", "9443", "HTTPS_BIND", "127.0.0.1",
                "HSTS_MAX_AGE", "31536000", "TLS_FINGERPRINT", "ab".repeat(32)));
        assertThat(hashes("docker-compose.yml", "c", env)).isEqualTo(Map.of(
                "postgres", "7bc27f28279d58aac5f4efba74966a38dd171718f3a984fdc43a999817defc36",
                "redis", "4c04cd33d8b310dc9c588b72b1509642cfe404d194f3ac8bc828409b716bf545",
                "storage", "791c3720f3de60e647aaf9e6d4b01f4370f17f12343acd67cb3f855e388660c6",
                "backend", "70ca975931e52661ccc345320813884132cdc9441707453da5d119cb1217f17c",
                "web", "9d85d4c97e92f3ee5fd58da3ac70ec99e2a5ac6309fa25948a4a9984c5457785"));
    }

    @Test
    void theTemplateOfReleasesUpTo110HashesAsComposeDoes() throws Exception {
        assertThat(hashes("frozen/upto-1.1.0.yml", "b")).isEqualTo(Map.of(
                "postgres", "ff5a7d54325c7a81a4f99a26fc99048373c24795d140808e30c6278404b3c25e",
                "redis", "6f277c2fe99f53422bedd41045c97f103e42fdded29ca6b1dd1b5957db1e42ef",
                "storage", "dbf820abe62cd8111c590ef4f048c535168b014ca5289f9ff3b3f146c06277d8",
                "backend", "3948e64c404cfbe151a4ce4409a78b8086d9f83a86dae988d9286b3265e90233",
                "web", "8f62693103d342f03bb6ff88dd510070e7411e71cd888a8c0e108523578b9b7d"));
    }

    @Test
    void pythonJsonEscapesAsPythonDoes() {
        assertThat(ComposeHash.PythonJson.write(Map.of("b", java.util.Arrays.asList("Ü\u007f\"\\\n", null, true, 3),
                "a", Map.of()))).isEqualTo("{\"a\":{},\"b\":[\"\\u00dc\\u007f\\\"\\\\\\n\",null,true,3]}");
    }
}
