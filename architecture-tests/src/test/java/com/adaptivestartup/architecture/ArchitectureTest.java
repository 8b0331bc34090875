package com.adaptivestartup.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules, checked against the production classes of every module. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.adaptivestartup");
    }

    @Test
    void seesEveryModule() {
        assertThat(production.contain("com.adaptivestartup.licensing.license.LicenseVerifier")).isTrue();
        assertThat(production.contain("com.adaptivestartup.console.cli.AdaptiveCtl")).isTrue();
        assertThat(production.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("com.adaptivestartup.server"))
                .anyMatch(p -> p.startsWith("com.adaptivestartup.ui"));
        assertThat(production.stream().map(c -> c.getPackageName())).noneMatch(p -> p.contains("fixture"));
    }

    @Test
    void noJavaFxBelowTheUi() {
        ArchitectureRules.NO_JAVAFX_BELOW_THE_UI.check(production);
    }

    @Test
    void dockerJavaOnlyInTheDockerAdapter() {
        ArchitectureRules.DOCKER_JAVA_ONLY_IN_THE_DOCKER_ADAPTER.check(production);
    }

    @Test
    void okHttpOnlyInOutbound() {
        assertThat(production.contain("com.adaptivestartup.console.outbound.BrainClient")).isTrue();
        ArchitectureRules.OKHTTP_ONLY_IN_OUTBOUND.check(production);
    }

    @Test
    void layersPointOneWay() {
        ArchitectureRules.LICENSING_KNOWS_NO_OTHER_MODULE.check(production);
        ArchitectureRules.SERVER_KNOWS_NO_OTHER_MODULE.check(production);
        ArchitectureRules.CONSOLE_DOES_NOT_DEPEND_ON_THE_UI.check(production);
    }

    @Test
    void serverPackagesAreFreeOfCycles() {
        ArchitectureRules.SERVER_FEATURES_FREE_OF_CYCLES.check(production);
    }

    @Test
    void consolePackagesAreFreeOfCycles() {
        ArchitectureRules.CONSOLE_PACKAGES_FREE_OF_CYCLES.check(production);
    }
}
