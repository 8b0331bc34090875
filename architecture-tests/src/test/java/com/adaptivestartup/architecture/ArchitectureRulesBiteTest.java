package com.adaptivestartup.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.docker.fixture.UsesDockerJavaInItsPlace;
import com.adaptivestartup.console.fixture.ImportsDockerJava;
import com.adaptivestartup.console.fixture.ImportsJavaFx;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Each rule, shown to fail on a class that breaks it, so a passing rule means something. */
class ArchitectureRulesBiteTest {

    @Test
    void javaFxInConsoleCoreIsCaught() {
        var classes = new ClassFileImporter().importClasses(ImportsJavaFx.class);
        var result = ArchitectureRules.NO_JAVAFX_BELOW_THE_UI.evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("javafx.beans.property.SimpleStringProperty");
    }

    @Test
    void dockerJavaOutsideTheAdapterIsCaughtAndInsideIsAllowed() {
        var outside = new ClassFileImporter().importClasses(ImportsDockerJava.class);
        assertThat(ArchitectureRules.DOCKER_JAVA_ONLY_IN_THE_DOCKER_ADAPTER.evaluate(outside).hasViolation()).isTrue();
        var inside = new ClassFileImporter().importClasses(UsesDockerJavaInItsPlace.class);
        assertThat(ArchitectureRules.DOCKER_JAVA_ONLY_IN_THE_DOCKER_ADAPTER.evaluate(inside).hasViolation()).isFalse();
    }

    @Test
    void twoServerPackagesUsingEachOtherAreCaught() {
        var classes = new ClassFileImporter().importClasses(com.adaptivestartup.server.fixtureleft.Left.class,
                com.adaptivestartup.server.fixtureright.Right.class);
        var result = ArchitectureRules.SERVER_FEATURES_FREE_OF_CYCLES.evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("fixtureleft").contains("fixtureright");
    }

    @Test
    void twoConsolePackagesUsingEachOtherAreCaught() {
        var classes = new ClassFileImporter().importClasses(com.adaptivestartup.console.fixtureleft.Left.class,
                com.adaptivestartup.console.fixtureright.Right.class);
        var result = ArchitectureRules.CONSOLE_PACKAGES_FREE_OF_CYCLES.evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("fixtureleft").contains("fixtureright");
    }

    @Test
    void okHttpOutsideOutboundIsCaught() {
        var outside = new ClassFileImporter().importClasses(com.adaptivestartup.console.fixture.ImportsOkHttp.class);
        assertThat(ArchitectureRules.OKHTTP_ONLY_IN_OUTBOUND.evaluate(outside).hasViolation()).isTrue();
        var inside = new ClassFileImporter().importClasses(com.adaptivestartup.console.outbound.BrainClient.class);
        assertThat(ArchitectureRules.OKHTTP_ONLY_IN_OUTBOUND.evaluate(inside).hasViolation()).isFalse();
    }
}
