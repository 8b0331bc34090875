package com.adaptivestartup.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.server.http.ApiError;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SchemaGateTest {
    private final AtomicReference<String> schema = new AtomicReference<>("4");
    private final AtomicLong millis = new AtomicLong();
    private final SchemaGate gate = new SchemaGate("5", () -> Optional.ofNullable(schema.get()), millis::get);

    @Test
    void staysClosedOnAnOlderSchemaAndOpensOnItsOwn() {
        assertThatThrownBy(gate::check).isInstanceOf(ApiError.class).hasMessageContaining("version 5, found 4");
        assertThat(gate.accepts("4")).isFalse();
        schema.set("5");
        millis.addAndGet(SchemaGate.RECHECK_MILLIS);
        gate.check();
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void aServerStartingOnANewerSchemaStaysClosed() {
        schema.set("6");
        assertThat(gate.accepts("6")).as("a newer schema it never served on").isFalse();
        assertThatThrownBy(gate::check).isInstanceOf(ApiError.class).hasMessageContaining("found 6");
    }

    @Test
    void aServingServerGoesOnServingWhenItsSuccessorMigratesAhead() {
        assertThat(gate.accepts("5")).as("its own schema opens it (readiness asked before any API request)").isTrue();
        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.accepts("6")).as("an online migration of the next release ran under it").isTrue();
        assertThat(gate.accepts("4")).as("an older schema is never its").isFalse();
        assertThat(gate.accepts("none")).isFalse();
    }
}
