package com.adaptivestartup.server.cli;

import java.util.Map;
import picocli.CommandLine;

/** Test access to the server's command line with a given environment. */
final class ServerMainAccess {
    private ServerMainAccess() {
    }

    static CommandLine commandLine(Map<String, String> env) {
        return com.adaptivestartup.server.ServerMain.commandLine(env);
    }
}
