package com.adaptivestartup.console.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command about one installation: {@code --project}, the shared context, and where to print. */
abstract class ProjectCommand implements Callable<Integer> {
    final CliContext context;
    @Spec
    CommandSpec spec;
    @Option(names = "--project", defaultValue = "adaptive", description = "Compose project name (default ${DEFAULT-VALUE}).")
    String project;

    ProjectCommand(CliContext context) {
        this.context = context;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Pretty JSON: times as ISO-8601 text, paths as plain file names. */
    void printJson(Object value) throws java.io.IOException {
        CliOutput.printJson(out(), value);
    }
}
