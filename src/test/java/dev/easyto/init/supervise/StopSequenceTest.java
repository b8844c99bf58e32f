package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.CLD_EXITED;
import static dev.easyto.init.linux.LinuxConstants.CLD_KILLED;
import static dev.easyto.init.linux.LinuxConstants.SIGINT;
import static dev.easyto.init.linux.LinuxConstants.SIGKILL;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.linux.UnsupportedSignalCalls;
import dev.easyto.init.process.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The order of a stop on a made-up machine: processes that end a set time after a signal they
 * heed, a clock that only moves when the sequence waits. Each event is recorded with the made-up
 * time it happened at.
 */
class StopSequenceTest {
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final long NEVER = -1;

    private long nowNanos;
    private final List<String> events = new ArrayList<>();
    private final List<Fake> processes = new ArrayList<>();

    /** A process: how many ms after each signal it heeds it ends (absent: it ignores that signal). */
    private final class Fake {
        final String name;
        final Processes.Child child;
        final Map<Integer, Long> endsAfter;
        long endsAt = NEVER;

        Fake(String name, int pid, Map<Integer, Long> endsAfter) {
            this.name = name;
            this.child = new Processes.Child(pid, new CompletableFuture<>());
            this.endsAfter = endsAfter;
            processes.add(this);
        }

        boolean alive() {
            return !child.exit().isDone();
        }

        void receive(int signal) {
            if (!alive()) {
                return;
            }
            if (signal == SIGKILL) {
                end(new ChildExit(child.pid(), CLD_KILLED, SIGKILL));
                return;
            }
            Long after = endsAfter.get(signal);
            if (after != null && endsAt == NEVER) {
                endsAt = nowNanos + after * 1_000_000;
            }
        }

        void end(ChildExit exit) {
            events.add(millis() + " " + name + " ended");
            child.exit().complete(exit);
        }
    }

    private long millis() {
        return nowNanos / 1_000_000;
    }

    private final StopSequence.Clock clock = new StopSequence.Clock() {
        @Override
        public long nanoTime() {
            return nowNanos;
        }

        @Override
        public void sleep(Duration duration) {
            nowNanos += duration.toNanos();
            for (Fake fake : processes) {
                if (fake.alive() && fake.endsAt != NEVER && fake.endsAt <= nowNanos) {
                    fake.end(new ChildExit(fake.child.pid(), CLD_EXITED, 0));
                }
            }
        }
    };

    private final SignalCalls everyone = new UnsupportedSignalCalls() {
        @Override
        public void kill(int pid, int signal) {
            assertEquals(-1, pid, "only kill(-1) goes through SignalCalls");
            if (processes.stream().noneMatch(Fake::alive)) {
                throw new SyscallException("kill", "-1", Errno.ESRCH);
            }
            events.add(millis() + " all " + LinuxConstants.signalName(signal));
            processes.forEach(fake -> fake.receive(signal));
        }
    };

    private boolean signalChild(Processes.Child child, int signal) {
        Fake fake = processes.stream()
                .filter(f -> f.child.equals(child))
                .findFirst()
                .orElseThrow();
        if (!fake.alive()) {
            return false;
        }
        events.add(millis() + " " + fake.name + " " + LinuxConstants.signalName(signal));
        fake.receive(signal);
        return true;
    }

    private final StopSequence sequence = new StopSequence(
            everyone,
            this::signalChild,
            () -> processes.stream().filter(Fake::alive).map(f -> f.child.pid()).toList(),
            clock,
            Duration.ofSeconds(5));

    private static ShutdownGate.Service service(Fake fake) {
        return new ShutdownGate.Service(fake.name, fake.child);
    }

    @Test
    void mainFirstWithItsSignalThenServicesLastStartedFirstThenEveryone() {
        Fake main = new Fake("main", 10, Map.of(SIGINT, 300L));
        Fake chrony = new Fake("chrony", 11, Map.of(SIGTERM, 20L));
        Fake ssh = new Fake("ssh", 12, Map.of(SIGTERM, 50L));
        new Fake("worker", 13, Map.of(SIGTERM, 100L));

        sequence.run(
                Optional.of(new StopSequence.Main(main.child, SIGINT)), List.of(service(ssh), service(chrony)), GRACE);

        assertEquals(
                List.of(
                        "0 main SIGINT",
                        "300 main ended",
                        "300 ssh SIGTERM",
                        "350 ssh ended",
                        "350 chrony SIGTERM",
                        "370 chrony ended",
                        "370 all SIGTERM",
                        "470 worker ended"),
                events);
    }

    @Test
    void aMainProcessThatHasExitedIsNotSignalled() {
        Fake main = new Fake("main", 10, Map.of());
        main.end(new ChildExit(10, CLD_EXITED, 0));
        events.clear();
        Fake ssh = new Fake("ssh", 12, Map.of(SIGTERM, 10L));

        sequence.run(Optional.of(new StopSequence.Main(main.child, SIGTERM)), List.of(service(ssh)), GRACE);

        // Nothing is left for kill(-1), which finds no process (ESRCH) and records nothing.
        assertEquals(List.of("0 ssh SIGTERM", "10 ssh ended"), events);
    }

    @Test
    void aMainProcessThatIgnoresItsSignalIsKilledAtTheDeadlineWithEveryone() {
        Fake main = new Fake("main", 10, Map.of(SIGTERM, 10L));
        Fake ssh = new Fake("ssh", 12, Map.of(SIGTERM, 10L));

        sequence.run(
                Optional.of(new StopSequence.Main(main.child, SIGINT)), List.of(service(ssh)), Duration.ofSeconds(2));

        assertEquals(List.of("0 main SIGINT", "2000 all SIGKILL", "2000 main ended", "2000 ssh ended"), events);
    }

    /** One budget: time the main process took is not given again to the services. */
    @Test
    void theGracePeriodIsOneDeadlineForEveryStep() {
        Fake main = new Fake("main", 10, Map.of(SIGTERM, 1500L));
        Fake ssh = new Fake("ssh", 12, Map.of());

        sequence.run(
                Optional.of(new StopSequence.Main(main.child, SIGTERM)), List.of(service(ssh)), Duration.ofSeconds(2));

        assertEquals(
                List.of("0 main SIGTERM", "1500 main ended", "1500 ssh SIGTERM", "2000 all SIGKILL", "2000 ssh ended"),
                events);
    }

    @Test
    void nothingRunningSendsNothing() {
        Fake main = new Fake("main", 10, Map.of());
        main.end(new ChildExit(10, CLD_EXITED, 0));
        events.clear();

        sequence.run(Optional.of(new StopSequence.Main(main.child, SIGTERM)), List.of(), GRACE);

        assertEquals(List.of(), events);
    }

    @Test
    void withoutAMainProcessEveryoneGetsSigtermAtOnce() {
        new Fake("orphan", 20, Map.of(SIGTERM, 5L));

        sequence.run(Optional.empty(), List.of(), GRACE);

        assertEquals(List.of("0 all SIGTERM", "10 orphan ended"), events);
    }
}
