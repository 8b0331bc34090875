package com.adaptivestartup.console.update;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading what the server's migrate command printed. */
class MigrationReportTest {
    @Test
    void theReportIsTheLastJsonLineAmongLogLines() {
        String output = """
                03:01:02 INFO  Flyway Community Edition
                {"ok":true,"release":"1.0.0","schemaBefore":"3","schemaAfter":"4","applied":[],"error":null}
                03:01:03 WARN  something
                {"ok":false,"release":"1.1.0","schemaBefore":"4","schemaAfter":"4","applied":[],"error":"Migration V5__metric_units.sql failed: ERROR: column \\"unit\\" of relation \\"metrics\\" already exists"}
                """;
        var report = MigrationService.report(output).orElseThrow();
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(MigrationService.migrationName(report.path("error").asText())).isEqualTo("/V5");
        assertThat(MigrationService.report("no json at all\n")).isEmpty();
        assertThat(MigrationService.report("{not json")).isEmpty();
        assertThat(MigrationService.migrationName("the database did not answer within 60 s")).isEmpty();
        assertThat(MigrationService.migrationName("Migration V2.1__x.sql failed")).isEqualTo("/V2.1");
    }
}
