package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.CLD_DUMPED;
import static dev.easyto.init.linux.LinuxConstants.CLD_EXITED;
import static dev.easyto.init.linux.LinuxConstants.CLD_KILLED;
import static dev.easyto.init.linux.LinuxConstants.SIGCHLD;
import static dev.easyto.init.linux.LinuxConstants.SIGHUP;
import static dev.easyto.init.linux.LinuxConstants.SIGKILL;
import static dev.easyto.init.linux.LinuxConstants.SIGRTMAX;
import static dev.easyto.init.linux.LinuxConstants.SIGSEGV;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The value types and names around the system calls. */
class ValuesTest {
    @Test
    void signalNames() {
        assertEquals("SIGHUP", LinuxConstants.signalName(1));
        assertEquals("SIGKILL", LinuxConstants.signalName(9));
        assertEquals("SIGTERM", LinuxConstants.signalName(15));
        assertEquals("SIGCHLD", LinuxConstants.signalName(17));
        assertEquals("SIGPWR", LinuxConstants.signalName(30));
        assertEquals("SIGSYS", LinuxConstants.signalName(31));
        assertEquals("SIGRTMIN", LinuxConstants.signalName(34));
        assertEquals("SIGRTMIN+4", LinuxConstants.signalName(38));
        assertEquals("SIGRTMAX", LinuxConstants.signalName(64));
        assertEquals("signal 32", LinuxConstants.signalName(32));
        assertEquals("signal 0", LinuxConstants.signalName(0));
        assertEquals("signal 99", LinuxConstants.signalName(99));
    }

    @Test
    void signalNumbersFromEveryFormAnImageUses() {
        for (String form : List.of("SIGINT", "INT", "int", "SigInt", "2")) {
            assertEquals(OptionalInt.of(2), LinuxConstants.signalNumber(form), form);
        }
        assertEquals(OptionalInt.of(15), LinuxConstants.signalNumber("SIGTERM"));
        assertEquals(OptionalInt.of(3), LinuxConstants.signalNumber("QUIT"));
        assertEquals(OptionalInt.of(37), LinuxConstants.signalNumber("SIGRTMIN+3"));
        assertEquals(OptionalInt.of(37), LinuxConstants.signalNumber("RTMIN+3"));
        assertEquals(OptionalInt.of(34), LinuxConstants.signalNumber("SIGRTMIN"));
        assertEquals(OptionalInt.of(63), LinuxConstants.signalNumber("SIGRTMAX-1"));
        assertEquals(OptionalInt.of(64), LinuxConstants.signalNumber("RTMAX"));
        assertEquals(OptionalInt.of(6), LinuxConstants.signalNumber("SIGIOT"));
        assertEquals(OptionalInt.of(17), LinuxConstants.signalNumber("CLD"));
        assertEquals(OptionalInt.of(29), LinuxConstants.signalNumber("POLL"));
        assertEquals(OptionalInt.of(64), LinuxConstants.signalNumber("64"));
        for (String bad : List.of(
                "",
                "SIG",
                "SIGFOO",
                "0",
                "32",
                "33",
                "65",
                "002",
                "-2",
                "+2",
                " INT",
                "SIGRTMIN+31",
                "RTMIN-1",
                "RTMAX+1",
                "RTMAX-31",
                "RTMIN+",
                "RTMIN+x",
                "SIGSIGINT")) {
            assertEquals(OptionalInt.empty(), LinuxConstants.signalNumber(bad), bad);
        }
        assertEquals(OptionalInt.empty(), LinuxConstants.signalNumber(null));
    }

    @Test
    void everySignalNameReadsBackAsItsNumber() {
        for (int signo = 1; signo <= SIGRTMAX; signo++) {
            if (signo == 32 || signo == 33) {
                continue;
            }
            assertEquals(OptionalInt.of(signo), LinuxConstants.signalNumber(LinuxConstants.signalName(signo)));
        }
    }

    @Test
    void signalSetsUseTheKernelBitLayout() {
        SignalSet set = SignalSet.of(SIGHUP, SIGTERM, SIGRTMAX);
        assertEquals(1L | 1L << 14 | 1L << 63, set.bits());
        assertTrue(set.contains(SIGTERM));
        assertFalse(set.contains(SIGKILL));
        assertFalse(set.contains(0));
        assertFalse(set.contains(65));
        assertEquals(List.of(1, 15, 64), set.signals());
        assertEquals("[SIGHUP, SIGTERM, SIGRTMAX]", set.toString());
        assertEquals(0, SignalSet.EMPTY.bits());
        assertTrue(SignalSet.EMPTY.isEmpty());
        assertEquals(-1L, SignalSet.all().bits());
        assertEquals(64, SignalSet.all().signals().size());
        assertEquals(SignalSet.of(SIGHUP, SIGCHLD), SignalSet.of(SIGHUP).with(SIGCHLD));
        assertEquals(SignalSet.of(SIGHUP), SignalSet.of(SIGHUP, SIGCHLD).without(SIGCHLD));
        assertThrows(IllegalArgumentException.class, () -> SignalSet.of(0));
        assertThrows(IllegalArgumentException.class, () -> SignalSet.of(65));
    }

    @Test
    void childExits() {
        ChildExit exited = new ChildExit(10, CLD_EXITED, 3);
        assertTrue(exited.exited());
        assertFalse(exited.killed());
        assertEquals("exited with status 3", exited.describe());
        ChildExit killed = new ChildExit(10, CLD_KILLED, SIGKILL);
        assertTrue(killed.killed());
        assertFalse(killed.exited());
        assertEquals("killed by signal SIGKILL", killed.describe());
        ChildExit dumped = new ChildExit(10, CLD_DUMPED, SIGSEGV);
        assertTrue(dumped.killed());
        assertEquals("killed by signal SIGSEGV (core dumped)", dumped.describe());
    }

    @Test
    void defaultSpawnOptions() {
        assertEquals(new SpawnOptions(null, true, true), SpawnOptions.DEFAULT);
        assertEquals(new SpawnOptions("/srv", true, true), SpawnOptions.DEFAULT.inDirectory("/srv"));
    }
}
