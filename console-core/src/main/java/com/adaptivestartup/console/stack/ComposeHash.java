package com.adaptivestartup.console.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker Compose 1.29's {@code com.docker.compose.config-hash} of a service, computed as Compose computes it
 * ({@code Service.config_dict()} hashed by {@code json_hash}: SHA-256 of Python's {@code json.dumps} with sorted
 * keys, no spaces and ASCII escapes), so {@code docker-compose up -d} in the install folder finds the containers
 * the console made current and leaves them running.
 *
 * <p>It models Compose's normalization of exactly the keys {@link ComposeTemplate} accepts (anything else is
 * refused there): {@code restart} as an engine restart policy, {@code depends_on} and {@code environment} as
 * maps, volumes as {@code [source, target, mode]} with the project's volume names and absolute bind paths, ports
 * as {@code [target, published, protocol, mode, host ip]}, {@code security_opt} as {@code [value, null]}, a
 * {@code tmpfs} string as a list, and the fields Compose always adds ({@code device_requests}, {@code platform},
 * {@code volumes}). {@code ComposeCompatibilityTest} checks it against Debian's docker-compose on a running stack.
 */
public final class ComposeHash {
    private static final Pattern PORT = Pattern.compile("(?:([^:]+):)?(\\d*):(\\d+)");

    private ComposeHash() {
    }

    /**
     * The hash of {@code service} (its interpolated definition) in {@code project}, installed in {@code dir},
     * whose image has the engine id {@code imageId} (null when the image is not on the engine).
     */
    public static String of(String project, Path dir, StackPlan.Service service, String imageId) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("options", options(project, dir, service.name(), service.definition()));
        config.put("image_id", imageId);
        config.put("links", List.of());
        List<String> networks = service.networks().stream().map(n -> project + "_" + n).sorted().toList();
        config.put("net", networks.getFirst());
        Map<String, Object> perNetwork = new LinkedHashMap<>();
        networks.forEach(n -> perNetwork.put(n, Map.of()));
        config.put("networks", perNetwork);
        config.put("ipc_mode", null);
        config.put("secrets", List.of());
        config.put("volumes_from", List.of());
        return sha256(PythonJson.write(config));
    }

    private static Map<String, Object> options(String project, Path dir, String name, JsonNode definition) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (var e : definition.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "networks", "profiles", "deploy" -> {
                    // networks go to the config's own fields; a tool's profiles never reach a running container; the
                    // replica count is how many containers, not what each is (Compose 1.29 leaves it out too)
                }
                case "restart" -> options.put(key, restartPolicy(value.asText()));
                case "environment" -> options.put(key, environment(value));
                case "depends_on" -> options.put(key, dependsOn(value));
                case "volumes" -> options.put(key, volumes(project, dir, value));
                case "ports" -> options.put(key, ports(value));
                case "security_opt" -> {
                    List<Object> opts = new ArrayList<>();
                    value.forEach(o -> opts.add(Arrays.asList(o.asText(), null)));
                    options.put(key, opts);
                }
                case "tmpfs" -> options.put(key, value.isTextual() ? List.of(value.asText()) : plain(value));
                default -> options.put(key, plain(value));
            }
        }
        options.putIfAbsent("volumes", List.of());
        options.put("device_requests", null);
        options.put("platform", null);
        return options;
    }

    private static Map<String, Object> restartPolicy(String text) {
        String[] parts = text.split(":");
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Name", parts[0]);
        policy.put("MaximumRetryCount", parts.length == 2 ? Integer.parseInt(parts[1]) : 0);
        return policy;
    }

    private static Map<String, Object> environment(JsonNode value) {
        Map<String, Object> env = new LinkedHashMap<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length == 2 ? kv[1] : null);
            }
        } else {
            value.properties().forEach(e -> env.put(e.getKey(), plain(e.getValue())));
        }
        return env;
    }

    private static Map<String, Object> dependsOn(JsonNode value) {
        Map<String, Object> deps = new LinkedHashMap<>();
        if (value.isArray()) {
            value.forEach(d -> deps.put(d.asText(), Map.of("condition", "service_started")));
        } else {
            value.properties().forEach(e -> deps.put(e.getKey(), plain(e.getValue())));
        }
        return deps;
    }

    private static List<Object> volumes(String project, Path dir, JsonNode value) {
        List<Object> out = new ArrayList<>();
        for (JsonNode v : value) {
            String[] parts = v.asText().split(":");
            String source = parts[0];
            boolean bind = source.startsWith(".") || source.startsWith("/");
            String external = bind ? dir.resolve(source).toAbsolutePath().normalize().toString() : project + "_" + source;
            out.add(Arrays.asList(external, parts[1], parts.length == 3 ? parts[2] : "rw"));
        }
        return out;
    }

    private static List<Object> ports(JsonNode value) {
        List<Object> out = new ArrayList<>();
        for (JsonNode p : value) {
            Matcher m = PORT.matcher(p.asText().strip());
            if (!m.matches()) {
                throw new ComposeTemplate.StackProblem("a port that is not [address:]host:container: " + p.asText());
            }
            // docker-compose's ServicePort(target, published, protocol, mode, external_ip); no published port
            // (127.0.0.1::8443: the engine chooses) is None
            out.add(Arrays.asList(Integer.parseInt(m.group(3)), m.group(2).isEmpty() ? null : Integer.parseInt(m.group(2)),
                    null, null, m.group(1)));
        }
        return out;
    }

    /** A YAML value as Python's yaml.safe_load gives it: maps, lists, strings, numbers, booleans, null. */
    private static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Python's {@code json.dumps(obj, sort_keys=True, separators=(',', ':'))}: ensure_ascii escapes, sorted keys. */
    static final class PythonJson {
        private PythonJson() {
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            switch (value) {
                case null -> out.append("null");
                case String s -> string(s, out);
                case Boolean b -> out.append(b ? "true" : "false");
                case Number n -> out.append(n);
                case Map<?, ?> map -> {
                    out.append('{');
                    boolean first = true;
                    for (var e : new TreeMap<>(map).entrySet()) {
                        out.append(first ? "" : ",");
                        first = false;
                        string(String.valueOf(e.getKey()), out);
                        out.append(':');
                        write(e.getValue(), out);
                    }
                    out.append('}');
                }
                case List<?> list -> {
                    out.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        out.append(i == 0 ? "" : ",");
                        write(list.get(i), out);
                    }
                    out.append(']');
                }
                default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
            }
        }

        private static void string(String s, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
