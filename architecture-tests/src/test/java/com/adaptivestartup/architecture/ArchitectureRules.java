package com.adaptivestartup.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/** The rules that keep the layers pointing one way, each with the reason it exists. */
final class ArchitectureRules {
    static final String LICENSING = "com.adaptivestartup.licensing..";
    static final String CONSOLE = "com.adaptivestartup.console..";
    static final String SERVER = "com.adaptivestartup.server..";
    static final String UI = "com.adaptivestartup.ui..";
    static final String DOCKER_ADAPTER = "com.adaptivestartup.console.docker..";

    static final ArchRule NO_JAVAFX_BELOW_THE_UI = noClasses()
            .that().resideInAnyPackage(LICENSING, CONSOLE, SERVER)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("only installer-ui may use JavaFX: console-core also runs headless (adaptivectl, CI,"
                    + " Linux servers) and the server runs in a container with no display")
            .allowEmptyShould(true);

    static final ArchRule DOCKER_JAVA_ONLY_IN_THE_DOCKER_ADAPTER = noClasses()
            .that().resideOutsideOfPackage(DOCKER_ADAPTER)
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
            .because("docker-java stays behind console-core's own small Docker interface, so the rest of the"
                    + " code is easy to read and to fake in view-model tests, and the engine API can change in"
                    + " one place")
            .allowEmptyShould(true);

    static final String OUTBOUND = "com.adaptivestartup.console.outbound..";

    static final ArchRule OKHTTP_ONLY_IN_OUTBOUND = noClasses()
            .that().resideOutsideOfPackage(OUTBOUND)
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
            .because("the console reaches the outside world (the vendor's Brain, release and installer downloads) in"
                    + " one package, outbound/, where timeouts, size limits, the https rule, proxies and extra CAs are"
                    + " kept; nothing else reaches the network on its own")
            .allowEmptyShould(true);

    static final ArchRule LICENSING_KNOWS_NO_OTHER_MODULE = noClasses()
            .that().resideInAPackage(LICENSING)
            .should().dependOnClassesThat().resideInAnyPackage(CONSOLE, SERVER, UI)
            .because("licensing is shared by the vendor tool and the console, and must stay a small library")
            .allowEmptyShould(true);

    static final ArchRule SERVER_KNOWS_NO_OTHER_MODULE = noClasses()
            .that().resideInAPackage(SERVER)
            .should().dependOnClassesThat().resideInAnyPackage(LICENSING, CONSOLE, UI)
            .because("the server ships inside the customer's images; the console drives it only through"
                    + " containers, commands and HTTP, never by linking its code")
            .allowEmptyShould(true);

    static final ArchRule CONSOLE_DOES_NOT_DEPEND_ON_THE_UI = noClasses()
            .that().resideInAPackage(CONSOLE)
            .should().dependOnClassesThat().resideInAnyPackage(UI, SERVER)
            .because("the UI and the CLI are two thin front ends over console-core; the arrow points one way")
            .allowEmptyShould(true);

    static final ArchRule SERVER_FEATURES_FREE_OF_CYCLES = slices()
            .matching("com.adaptivestartup.server.(*)..")
            .should().beFreeOfCycles()
            .because("two server packages that use each other are one idea split badly: the access check lives in"
                    + " access/ and knows nothing of the activity log, so the log, organizations and features each"
                    + " build on it without going round in a circle")
            .allowEmptyShould(true);

    static final ArchRule CONSOLE_PACKAGES_FREE_OF_CYCLES = slices()
            .matching("com.adaptivestartup.console.(*)..")
            .should().beFreeOfCycles()
            .because("console-core's packages build on each other one way (state and docker at the bottom, the"
                    + " services above, cli and wiring on top): a cycle means a class sits in the wrong package, and"
                    + " the packages can no longer be read, tested or faked one at a time")
            .allowEmptyShould(true);

    private ArchitectureRules() {
    }
}
