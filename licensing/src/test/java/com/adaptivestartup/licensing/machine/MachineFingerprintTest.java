package com.adaptivestartup.licensing.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineFingerprintTest {
    private static final String ID = "4c4c4544004a3510805ab4c04f4e3132";

    @Test
    void isStableAndRevealsNothingOfTheMachineId() {
        MachineFingerprint a = MachineFingerprint.fromMachineId(ID);
        assertThat(a.value()).matches("mfp1-[0-9a-f]{32}");
        assertThat(MachineFingerprint.fromMachineId(" " + ID.toUpperCase() + "\n")).isEqualTo(a);
        assertThat(a.value()).doesNotContain(ID.substring(0, 8)).doesNotContain(ID.substring(24));
        assertThat(MachineFingerprint.fromMachineId("4c4c4544004a3510805ab4c04f4e3133")).isNotEqualTo(a);
    }

    @Test
    void readsLinuxMachineIdFromTheFirstPlaceThatHasOne(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("machine-id"), "\n"); // systemd's "uninitialized" state
        Path dbus = Files.writeString(dir.resolve("dbus-machine-id"), ID + "\n");
        assertThat(MachineIdSources.linux(dir.resolve("missing"), empty, dbus).read()).contains(ID);
        assertThat(MachineIdSources.linux(empty).read()).isEmpty();
    }

    @Test
    void parsesWindowsAndMacOutput() {
        String reg = """

                HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography
                    MachineGuid    REG_SZ    5f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b

                """;
        assertThat(MachineIdSources.parseWindowsRegQuery(reg)).contains("5f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
        String ioreg = """
                +-o J314sAP  <class IOPlatformExpertDevice, id 0x100000220, registered, matched, active>
                    {
                      "IOPlatformSerialNumber" = "C02ABCDEF123"
                      "IOPlatformUUID" = "12345678-90AB-CDEF-1234-567890ABCDEF"
                    }
                """;
        assertThat(MachineIdSources.parseMacIoreg(ioreg)).contains("12345678-90AB-CDEF-1234-567890ABCDEF");
        assertThat(MachineIdSources.parseMacIoreg("nothing here")).isEmpty();
    }
}
