package com.adaptivestartup.console.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UpdateSpaceTest {
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;
    private static final Path BACKUPS = Path.of("/srv/adaptive/backups");

    @Test
    void dfsAvailableColumnIsRead() {
        String df = """
                Filesystem         1-blocks        Used   Available Capacity Mounted on
                overlay        270553174016 36730155008 72214138880      34% /
                """;
        assertThat(UpdateSpace.parseDf(df)).hasValue(72_214_138_880L);
        assertThat(UpdateSpace.parseDf("df: /: No such file or directory")).isEmpty();
        assertThat(UpdateSpace.parseDf("Filesystem 1-blocks Used Available\noverlay x y z")).isEmpty();
    }

    @Test
    void imagesThatDoNotFitOnTheEngineStopTheUpdateBeforeAnythingChanges() {
        assertThat(UpdateSpace.problem("1.1.0", 900 * MB, OptionalLong.of(1 * GB), 0, 100 * GB, BACKUPS))
                .hasValueSatisfying(m -> assertThat(m).isEqualTo("there is not enough disk space for the update to 1.1.0:"
                        + " its new images need about 1.4 GB and the Docker engine has 1.0 GB free. Free some space (Docker's"
                        + " \"image prune\" removes images nothing uses) and try again. Nothing was changed."));
        assertThat(UpdateSpace.problem("1.1.0", 900 * MB, OptionalLong.of(2 * GB), 0, 100 * GB, BACKUPS)).isEmpty();
    }

    @Test
    void imagesAlreadyThereOrAnUnreadableEngineDiskAreNotHeldAgainstTheUpdate() {
        assertThat(UpdateSpace.problem("1.1.0", 0, OptionalLong.of(10 * MB), 0, 100 * GB, BACKUPS)).isEmpty();
        assertThat(UpdateSpace.problem("1.1.0", 5 * GB, OptionalLong.empty(), 0, 100 * GB, BACKUPS)).isEmpty();
    }

    @Test
    void aBackupThatDoesNotFitInItsFolderStopsTheUpdate() {
        assertThat(UpdateSpace.problem("1.1.0", 0, OptionalLong.empty(), 3 * GB, 3 * GB, BACKUPS))
                .hasValueSatisfying(m -> assertThat(m).startsWith("there is not enough disk space for the backup taken"
                        + " before the update to 1.1.0: it needs about 3.5 GB and /srv/adaptive/backups has 3.0 GB free."));
        assertThat(UpdateSpace.problem("1.1.0", 0, OptionalLong.empty(), 3 * GB, 4 * GB, BACKUPS)).isEmpty();
    }

    @Test
    void sizesAreSaidInUnitsPeopleRead() {
        assertThat(UpdateSpace.gb(300 * MB)).isEqualTo("300 MB");
        assertThat(UpdateSpace.gb(1)).isEqualTo("1 MB");
        assertThat(UpdateSpace.gb(5 * GB / 2)).isEqualTo("2.5 GB");
    }
}
