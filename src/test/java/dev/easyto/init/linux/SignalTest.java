package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.SFD_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.SFD_NONBLOCK;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;
import static dev.easyto.init.linux.LinuxConstants.SIGWINCH;
import static dev.easyto.init.linux.LinuxConstants.SIG_BLOCK;
import static dev.easyto.init.linux.LinuxConstants.SIG_SETMASK;
import static dev.easyto.init.linux.LinuxConstants.SIG_UNBLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.ffm.Ffm;
import org.junit.jupiter.api.Test;

/**
 * Signal masks and signalfd. Nothing here sends a signal to the JVM as a whole: the kernel could
 * deliver it to any thread that does not block it. The one signal sent goes to a single thread
 * that blocks it, and is SIGWINCH, which the JVM ignores even if something went wrong.
 */
class SignalTest {
    static final long SIGWINCH_BIT = 1L << (SIGWINCH - 1);

    final FileCalls fileCalls = Ffm.files();
    final SignalCalls signalCalls = Ffm.signals();
    final ProcessCalls processCalls = Ffm.processes();

    @Test
    void sigprocmaskChangesOnlyTheCallingThread() throws Exception {
        assertFalse(signalCalls.sigprocmask(SIG_BLOCK, null).contains(SIGWINCH));
        DedicatedThread.run(() -> {
            SignalSet before = signalCalls.sigprocmask(SIG_BLOCK, SignalSet.of(SIGWINCH, SIGTERM));
            assertFalse(before.contains(SIGWINCH));
            SignalSet blocked = signalCalls.sigprocmask(SIG_UNBLOCK, SignalSet.of(SIGTERM));
            assertTrue(blocked.contains(SIGWINCH));
            assertTrue(blocked.contains(SIGTERM));
            long kernelMask = Long.parseUnsignedLong(Proc.status("/proc/thread-self/status", "SigBlk"), 16);
            assertEquals(SIGWINCH_BIT, kernelMask & SIGWINCH_BIT);
            assertEquals(0, kernelMask & (1L << (SIGTERM - 1)));
            signalCalls.sigprocmask(SIG_SETMASK, before);
            assertEquals(before, signalCalls.sigprocmask(SIG_BLOCK, null));
        });
        assertFalse(signalCalls.sigprocmask(SIG_BLOCK, null).contains(SIGWINCH), "the test thread's mask changed");
    }

    @Test
    void signalfdReceivesABlockedSignal() throws Exception {
        DedicatedThread.run(() -> {
            signalCalls.sigprocmask(SIG_BLOCK, SignalSet.of(SIGWINCH));
            int fd = signalCalls.signalfd(SignalSet.of(SIGWINCH), SFD_CLOEXEC | SFD_NONBLOCK);
            try {
                assertTrue(fd >= 0);
                SyscallException none = assertThrows(SyscallException.class, () -> signalCalls.readSignal(fd));
                assertEquals("read(" + fd + "): EAGAIN (Resource temporarily unavailable)", none.getMessage());
                signalCalls.tgkill(processCalls.getpid(), processCalls.gettid(), SIGWINCH);
                assertEquals(new SignalInfo(SIGWINCH, processCalls.getpid()), signalCalls.readSignal(fd));
            } finally {
                fileCalls.close(fd);
            }
        });
    }

    @Test
    void signalfdCanChangeItsSet() throws Exception {
        DedicatedThread.run(() -> {
            signalCalls.sigprocmask(SIG_BLOCK, SignalSet.of(SIGWINCH));
            int fd = signalCalls.signalfd(SignalSet.of(SIGTERM), SFD_CLOEXEC | SFD_NONBLOCK);
            try {
                assertEquals(fd, signalCalls.signalfd(fd, SignalSet.of(SIGWINCH), 0));
                signalCalls.tgkill(processCalls.getpid(), processCalls.gettid(), SIGWINCH);
                assertEquals(SIGWINCH, signalCalls.readSignal(fd).signo());
            } finally {
                fileCalls.close(fd);
            }
        });
    }

    @Test
    void errors() {
        SyscallException how = assertThrows(SyscallException.class, () -> signalCalls.sigprocmask(99, SignalSet.EMPTY));
        assertEquals("sigprocmask(99, []): EINVAL (Invalid argument)", how.getMessage());
        SyscallException badFd = assertThrows(
                SyscallException.class, () -> signalCalls.signalfd(Integer.MAX_VALUE, SignalSet.of(SIGWINCH), 0));
        assertEquals("signalfd(2147483647, [SIGWINCH], 0x0): EBADF (Bad file descriptor)", badFd.getMessage());
        SyscallException flags =
                assertThrows(SyscallException.class, () -> signalCalls.signalfd(SignalSet.of(SIGWINCH), 1));
        assertEquals("signalfd(-1, [SIGWINCH], 0x1): EINVAL (Invalid argument)", flags.getMessage());
        SyscallException read = assertThrows(SyscallException.class, () -> signalCalls.readSignal(-1));
        assertEquals("read(-1): EBADF (Bad file descriptor)", read.getMessage());
        SyscallException tgkill = assertThrows(
                SyscallException.class, () -> signalCalls.tgkill(processCalls.getpid(), 2_000_000_000, SIGWINCH));
        assertTrue(tgkill.is(Errno.ESRCH), tgkill.getMessage());
    }
}
