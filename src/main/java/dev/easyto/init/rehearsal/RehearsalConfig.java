package dev.easyto.init.rehearsal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Dev mode's rehearsal ({@code easyto.rehearsal.*}, set by {@code make dev}); unused elsewhere. */
@ConfigMapping(prefix = "easyto.rehearsal")
public interface RehearsalConfig {

    /** The scratch root the boot works on, emptied before each rehearsal. */
    @WithDefault("target/dev-root")
    String root();

    /** The image: {@code metadata.json} (its config) and, optionally, {@code overlay/} (its files). */
    @WithDefault("src/test/sample")
    String image();

    /** Files and directories whose change rehearses again: the user data, the scenario, the image. */
    Optional<List<String>> watch();

    /** How often the watched inputs are checked. */
    @WithDefault("500ms")
    Duration pollInterval();
}
