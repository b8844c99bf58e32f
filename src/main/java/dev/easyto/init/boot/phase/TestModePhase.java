package dev.easyto.init.boot.phase;

import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_NOCTTY;
import static dev.easyto.init.linux.LinuxConstants.O_WRONLY;

import dev.easyto.init.boot.Console;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.TestMode;
import dev.easyto.init.linux.Linux;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code EASYTO_TEST_MODE} (set on upstream's test kernel command line): the console moves to
 * {@code /dev/ttyS0}, made writable for everyone so that unprivileged test commands can report.
 */
@ApplicationScoped
public class TestModePhase implements Phase<TestMode> {
    static final String VARIABLE = "EASYTO_TEST_MODE";
    static final String SERIAL_CONSOLE = "/dev/ttyS0";

    private final Linux linux = Linux.get();

    @Override
    public String name() {
        return "test-mode";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(BaseMounts.class);
    }

    @Override
    public Class<TestMode> produces() {
        return TestMode.class;
    }

    @Override
    public TestMode run(PhaseInputs inputs) {
        if (System.getenv(VARIABLE) == null) {
            return new TestMode(false);
        }
        int fd = linux.open(SERIAL_CONSOLE, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
        try {
            linux.fchmod(fd, 0666);
            linux.dup2(fd, 2);
        } finally {
            linux.close(fd);
        }
        Console.info("test mode enabled");
        return new TestMode(true);
    }
}
