package com.adaptivestartup.console.docker;

import java.util.Map;
import java.util.Optional;

/**
 * Which Docker engine the admin chose: an address ({@code host}: {@code unix://}, {@code tcp://}), a Docker
 * context by name, or nothing, in which case the console looks in this machine's usual places. A choice is
 * the only place tried: a command meant for one engine must never act on another because the chosen one did
 * not answer. {@code source} says where the choice came from, for messages.
 */
public record EngineChoice(String host, String context, String source) {
    public static final EngineChoice AUTO = new EngineChoice(null, null, "none (this machine's usual places)");

    public boolean explicit() {
        return host != null || context != null;
    }

    /**
     * The choice, in this order: the command line's {@code --host}/{@code --context}, the environment's
     * {@code DOCKER_HOST}/{@code DOCKER_CONTEXT} (as the docker CLI reads them), the console's saved engine
     * setting, else none. Both an address and a context at one level is a mistake, said as such.
     */
    public static EngineChoice of(String cliHost, String cliContext, Map<String, String> env, EngineChoice saved) {
        if (present(cliHost) || present(cliContext)) {
            return one(cliHost, cliContext, "--host", "--context");
        }
        String envHost = env.get("DOCKER_HOST");
        String envContext = env.get("DOCKER_CONTEXT");
        if (present(envHost) || present(envContext)) {
            return one(envHost, envContext, "DOCKER_HOST", "DOCKER_CONTEXT");
        }
        return saved == null ? AUTO : saved;
    }

    /** From the environment alone (tools that have no saved setting and no options, such as the vendor's). */
    public static EngineChoice fromEnvironment(Map<String, String> env) {
        return of(null, null, env, null);
    }

    /** A saved setting: an address or a context, named as the console's setting. */
    public static Optional<EngineChoice> saved(String host, String context) {
        if (!present(host) && !present(context)) {
            return Optional.empty();
        }
        return Optional.of(one(host, context, "the console's engine setting", "the console's engine setting"));
    }

    private static EngineChoice one(String host, String context, String hostSource, String contextSource) {
        if (present(host) && present(context)) {
            throw new IllegalArgumentException("both " + hostSource + " and " + contextSource + " name an engine; choose"
                    + " one of them");
        }
        if (present(host)) {
            String h = host.strip();
            if (!h.matches("(unix|tcp|ssh|npipe)://.+")) {
                throw new IllegalArgumentException(hostSource + " is '" + h + "', which is not an engine address: use"
                        + " unix:///path/docker.sock, tcp://host:2376 or ssh://user@host");
            }
            return new EngineChoice(h, null, hostSource);
        }
        String c = context.strip();
        if (!c.matches("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}")) {
            throw new IllegalArgumentException(contextSource + " is '" + c + "', which is not a Docker context name");
        }
        return new EngineChoice(null, c, contextSource);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
