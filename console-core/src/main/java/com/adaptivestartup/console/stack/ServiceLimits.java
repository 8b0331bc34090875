package com.adaptivestartup.console.stack;

import com.adaptivestartup.console.stack.ComposeTemplate.StackProblem;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a compose service restricts, in Compose's own keys, so {@code docker-compose up} on the same
 * file brings up the same hardening: {@code cap_drop}, {@code cap_add}, {@code security_opt},
 * {@code read_only}, {@code tmpfs}, {@code mem_limit} and {@code pids_limit}.
 */
final class ServiceLimits {
    static final Set<String> KEYS = Set.of("cap_drop", "cap_add", "security_opt", "read_only", "tmpfs", "mem_limit",
            "pids_limit");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CAPABILITY = Pattern.compile("(CAP_)?[A-Z_]{2,32}");

    private ServiceLimits() {
    }

    static StackPlan.Security read(String service, JsonNode node) {
        return new StackPlan.Security(capabilities(service, node.path("cap_drop")), capabilities(service, node.path("cap_add")),
                strings(node.path("security_opt")), node.path("read_only").asBoolean(false), tmpfs(service, node.path("tmpfs")),
                node.has("mem_limit") ? bytes(service, node.get("mem_limit").asText()) : 0,
                node.has("pids_limit") ? node.get("pids_limit").asLong() : 0);
    }

    /** {@code 512m}, {@code 1g}, {@code 268435456}: Compose's byte sizes. */
    static long bytes(String service, String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new StackProblem("service " + service + " has a mem_limit that is not a size (such as 512m or 1g): " + text);
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        long bytes = (long) (n * unit);
        if (bytes < 6L << 20) {
            throw new StackProblem("service " + service + " has a mem_limit of " + text + "; the engine needs at least 6m");
        }
        return bytes;
    }

    private static List<String> capabilities(String service, JsonNode list) {
        List<String> caps = strings(list);
        for (String c : caps) {
            if (!CAPABILITY.matcher(c).matches()) {
                throw new StackProblem("service " + service + " names a capability that is not one: " + c);
            }
        }
        return caps;
    }

    private static List<String> tmpfs(String service, JsonNode node) {
        List<String> paths = node.isTextual() ? List.of(node.asText()) : strings(node);
        for (String p : paths) {
            if (!p.startsWith("/")) {
                throw new StackProblem("service " + service + " has a tmpfs that is not an absolute path: " + p);
            }
        }
        return paths;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
