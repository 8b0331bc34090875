package com.adaptivestartup.console.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the release's compose file: the small part of the Compose spec the stack uses (image,
 * environment, volumes, ports, depends_on, command, networks, profiles, and the hardening keys of
 * {@link ServiceLimits}), after {@code ${VAR}} interpolation from .env. Anything else in a service is
 * refused, so a release can never ask for something we would silently skip.
 */
public final class ComposeTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}");
    private static final Set<String> SERVICE_KEYS = union(Set.of("image", "restart", "environment", "volumes", "ports",
            "depends_on", "command", "networks", "profiles", "deploy"), ServiceLimits.KEYS);
    /** The most containers a service may run as ({@code deploy.replicas}). */
    public static final int MOST_REPLICAS = 5;
    private static final Pattern PORT = Pattern.compile("(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d{0,5}):(\\d{1,5})");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ComposeTemplate() {
    }

    public static String interpolate(String template, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                if (m.group(2) == null) {
                    throw new StackProblem("the stack template needs ${" + m.group(1) + "}, which .env does not set");
                }
                value = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static StackPlan parse(String composeYaml) {
        JsonNode root;
        try {
            root = YAML.readTree(composeYaml);
        } catch (IOException e) {
            throw new StackProblem("the stack template is not valid YAML: " + e.getMessage());
        }
        List<StackPlan.Network> networks = networks(root.path("networks"));
        Map<String, StackPlan.Service> services = new LinkedHashMap<>();
        List<StackPlan.Service> tools = new ArrayList<>();
        for (var e : root.path("services").properties()) {
            StackPlan.Service service = service(e.getKey(), e.getValue(), networks);
            if (e.getValue().has("profiles")) {
                tools.add(service);   // Compose starts a service under a profile only when asked: a tool
            } else {
                services.put(e.getKey(), service);
            }
        }
        if (services.isEmpty()) {
            throw new StackProblem("the stack template defines no services");
        }
        List<String> volumes = new ArrayList<>();
        root.path("volumes").fieldNames().forEachRemaining(volumes::add);
        for (StackPlan.Service s : concat(services.values(), tools)) {
            for (StackPlan.VolumeMount m : s.mounts()) {
                if (!m.bind() && !volumes.contains(m.source())) {
                    throw new StackProblem("service " + s.name() + " uses volume " + m.source() + ", which is not declared");
                }
            }
        }
        return new StackPlan(ordered(services), List.copyOf(tools), List.copyOf(volumes), networks);
    }

    /** The top-level networks; none declared means Compose's one {@code default} network. */
    private static List<StackPlan.Network> networks(JsonNode node) {
        List<StackPlan.Network> out = new ArrayList<>();
        for (var e : node.properties()) {
            if (!e.getKey().matches("[a-z0-9][a-z0-9_-]{0,30}")) {
                throw new StackProblem("the stack template names a network '" + e.getKey() + "'; use lower-case letters,"
                        + " digits, - and _");
            }
            e.getValue().fieldNames().forEachRemaining(key -> {
                if (!key.equals("internal")) {
                    throw new StackProblem("network " + e.getKey() + " uses '" + key + "', which this console does not"
                            + " support; update the console");
                }
            });
            out.add(new StackPlan.Network(e.getKey(), e.getValue().path("internal").asBoolean(false)));
        }
        return out.isEmpty() ? List.of(new StackPlan.Network(StackPlan.DEFAULT_NETWORK, false)) : List.copyOf(out);
    }

    private static StackPlan.Service service(String name, JsonNode node, List<StackPlan.Network> declared) {
        node.fieldNames().forEachRemaining(key -> {
            if (!SERVICE_KEYS.contains(key)) {
                throw new StackProblem("service " + name + " uses '" + key + "', which this console does not support;"
                        + " update the console");
            }
        });
        String image = node.path("image").asText("");
        if (image.isBlank()) {
            throw new StackProblem("service " + name + " has no image");
        }
        Map<String, String> env = new LinkedHashMap<>();
        node.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        List<StackPlan.VolumeMount> mounts = new ArrayList<>();
        for (JsonNode v : node.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new StackProblem("service " + name + " has a volume entry that is not source:target[:ro]: " + v.asText());
            }
            boolean bind = parts[0].startsWith("./") || parts[0].startsWith("/");
            if (parts[0].startsWith("/") || parts[0].contains("..")) {
                throw new StackProblem("service " + name + " binds " + parts[0] + ", outside the install folder");
            }
            mounts.add(new StackPlan.VolumeMount(bind, parts[0], parts[1], parts.length == 3 && parts[2].equals("ro")));
        }
        List<StackPlan.Port> ports = new ArrayList<>();
        for (JsonNode p : node.path("ports")) {
            Matcher m = PORT.matcher(p.asText().strip());
            if (!m.matches()) {
                throw new StackProblem("service " + name + " has a port that is not [address:]host:container: " + p.asText());
            }
            if (m.group(2).isEmpty() && m.group(1) == null) {
                throw new StackProblem("service " + name + " publishes " + p.asText() + " on a port the engine chooses;"
                        + " only with an address (127.0.0.1::8443) may the host port be left out");
            }
            ports.add(new StackPlan.Port(m.group(1) == null ? "0.0.0.0" : m.group(1),
                    m.group(2).isEmpty() ? StackPlan.Port.ANY : Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        replicas(name, node.path("deploy"), ports);
        List<StackPlan.Dependency> dependsOn = new ArrayList<>();
        JsonNode deps = node.path("depends_on");
        if (deps.isArray()) {
            deps.forEach(d -> dependsOn.add(new StackPlan.Dependency(d.asText(), false)));
        } else if (deps.isObject()) {
            for (var d : deps.properties()) {
                String condition = d.getValue().path("condition").asText("service_started");
                if (!condition.equals("service_started") && !condition.equals("service_healthy")) {
                    throw new StackProblem("service " + name + " waits for " + d.getKey() + " with condition '" + condition
                            + "', which this console does not support");
                }
                dependsOn.add(new StackPlan.Dependency(d.getKey(), condition.equals("service_healthy")));
            }
        }
        List<String> command = new ArrayList<>();
        node.path("command").forEach(c -> command.add(c.asText()));
        List<String> networks = new ArrayList<>();
        node.path("networks").forEach(n -> networks.add(n.asText()));
        if (node.path("networks").isObject()) {
            node.path("networks").fieldNames().forEachRemaining(networks::add);
        }
        if (networks.isEmpty()) {
            networks.add(StackPlan.DEFAULT_NETWORK);
        }
        for (String n : networks) {
            if (declared.stream().noneMatch(d -> d.key().equals(n))) {
                throw new StackProblem("service " + name + " joins network " + n + ", which is not declared");
            }
        }
        return new StackPlan.Service(name, image, Map.copyOf(env), List.copyOf(mounts), List.copyOf(ports),
                List.copyOf(dependsOn), List.copyOf(command), List.copyOf(networks), ServiceLimits.read(name, node),
                node.deepCopy());
    }

    /** Dependencies first; a cycle or an unknown dependency is an error. */
    /**
     * Checks {@code deploy}: only {@code replicas}, a whole number from 1 to {@value #MOST_REPLICAS}; more than one
     * only for a service that publishes no port of its own (two containers cannot listen on one host port) and is not
     * where the data lives.
     */
    private static void replicas(String name, JsonNode deploy, List<StackPlan.Port> ports) {
        if (deploy.isMissingNode()) {
            return;
        }
        deploy.fieldNames().forEachRemaining(key -> {
            if (!key.equals("replicas")) {
                throw new StackProblem("service " + name + " uses 'deploy." + key + "', which this console does not"
                        + " support; update the console");
            }
        });
        JsonNode r = deploy.path("replicas");
        int n = r.isIntegralNumber() ? r.asInt() : r.isTextual() && r.asText().matches("\\d{1,2}") ? Integer.parseInt(r.asText()) : -1;
        if (n < 1 || n > MOST_REPLICAS) {
            throw new StackProblem("service " + name + " asks for " + r + " replicas; a service runs as 1 to "
                    + MOST_REPLICAS + " containers");
        }
        if (n > 1 && ports.stream().anyMatch(p -> p.hostPort() != StackPlan.Port.ANY)) {
            throw new StackProblem("service " + name + " publishes a port, so it cannot run as " + n + " containers"
                    + " (they would all listen on it); only services behind the web server can");
        }
        if (n > 1 && (name.equals(StackPlan.DATABASE) || name.equals(StackPlan.STORAGE))) {
            throw new StackProblem("service " + name + " keeps the stack's data and runs as one container only");
        }
    }

    private static List<StackPlan.Service> ordered(Map<String, StackPlan.Service> services) {
        List<StackPlan.Service> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : services.keySet()) {
            visit(name, services, done, visiting, out);
        }
        return List.copyOf(out);
    }

    private static void visit(String name, Map<String, StackPlan.Service> services, Set<String> done, Set<String> visiting,
                              List<StackPlan.Service> out) {
        if (done.contains(name)) {
            return;
        }
        StackPlan.Service s = services.get(name);
        if (s == null) {
            throw new StackProblem("a service depends on " + name + ", which the stack does not define");
        }
        if (!visiting.add(name)) {
            throw new StackProblem("the services depend on each other in a circle: " + visiting);
        }
        for (StackPlan.Dependency d : s.dependsOn()) {
            visit(d.service(), services, done, visiting, out);
        }
        visiting.remove(name);
        done.add(name);
        out.add(s);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static List<StackPlan.Service> concat(java.util.Collection<StackPlan.Service> a, List<StackPlan.Service> b) {
        List<StackPlan.Service> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The stack template cannot be used; the message says why. */
    public static final class StackProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StackProblem(String message) {
            super(message);
        }
    }
}
