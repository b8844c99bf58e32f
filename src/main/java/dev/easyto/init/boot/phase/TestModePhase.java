package dev.easyto.init.boot.phase;

import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_NOCTTY;
import static dev.easyto.init.linux.LinuxConstants.O_WRONLY;

import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.TestMode;
import dev.easyto.init.config.InitConfig;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.log.Console;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code EASYTO_TEST_MODE} (set on upstream's test kernel command line): the console moves to
 * {@code /dev/ttyS0}, made writable for everyone so that unprivileged test commands can report.
 */
@ApplicationScoped
public class TestModePhase implements Phase<TestMode> {
    private static final PhaseInfo<TestMode> INFO =
            PhaseInfo.of("test-mode", TestMode.class).after(BaseMounts.class);
    static final String SERIAL_CONSOLE = "/dev/ttyS0";

    private final FileCalls fileCalls;
    private final InitConfig config;

    public TestModePhase(FileCalls fileCalls, InitConfig config) {
        this.fileCalls = fileCalls;
        this.config = config;
    }

    @Override
    public PhaseInfo<TestMode> info() {
        return INFO;
    }

    @Override
    public TestMode run(PhaseInputs inputs) {
        if (config.testMode().isEmpty()) {
            return new TestMode(false);
        }
        int fd = fileCalls.open(SERIAL_CONSOLE, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
        try {
            fileCalls.fchmod(fd, 0666);
            fileCalls.dup2(fd, 2);
        } finally {
            fileCalls.close(fd);
        }
        Console.info("test mode enabled");
        return new TestMode(true);
    }
}
