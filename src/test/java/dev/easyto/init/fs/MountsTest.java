package dev.easyto.init.fs;

import static dev.easyto.init.linux.LinuxConstants.MNT_DETACH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Volumes are unmounted for real, a busy one tried again within a bound; base mounts detached. */
class MountsTest {
    /** Records calls; a target answers EBUSY to unmount as many times as {@code busy} says. */
    static final class FakeMounts implements MountCalls {
        final List<String> calls = new ArrayList<>();
        final Map<String, Integer> busy = new HashMap<>();

        @Override
        public void mount(String source, String target, String fstype, long flags, String data) {
            calls.add("mount " + source + " " + target + " " + fstype + " " + flags + " " + data);
        }

        @Override
        public void umount2(String target, int flags) {
            calls.add("umount2 " + target + " " + flags);
            int left = busy.getOrDefault(target, 0);
            if (left > 0) {
                busy.put(target, left - 1);
                throw new SyscallException("umount2", target, Errno.EBUSY);
            }
        }
    }

    static final class Clock implements RetryPolicy.Timing {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            now += duration.toNanos();
        }

        @Override
        public double random() {
            return 0.5;
        }
    }

    @Test
    void volumesAreUnmountedNewestFirstAndABusyOneIsTriedAgain() {
        FakeMounts calls = new FakeMounts();
        Mounts mounts = new Mounts(calls, new Clock());
        mounts.mount("proc", "/proc", "proc", 0, null);
        mounts.mountVolume("/dev/sdf", "/data", "ext4", MountOptions.parse(List.of("noatime")));
        mounts.mountVolume("/dev/sdg", "/logs", "xfs", MountOptions.NONE);
        calls.busy.put("/data", 3);
        calls.calls.clear();
        mounts.unmountVolumes(Duration.ofSeconds(10));
        assertEquals(
                List.of("umount2 /logs 0", "umount2 /data 0", "umount2 /data 0", "umount2 /data 0", "umount2 /data 0"),
                calls.calls);
        assertEquals(List.of(), mounts.volumes());
        calls.calls.clear();
        mounts.unmountAll();
        assertEquals(List.of("umount2 /proc " + MNT_DETACH), calls.calls);
    }

    @Test
    void aVolumeStillBusyAtTheBoundIsRemountedReadOnlyAndTheOthersStillUnmounted() {
        FakeMounts calls = new FakeMounts();
        Clock clock = new Clock();
        Mounts mounts = new Mounts(calls, clock);
        mounts.mountVolume("/dev/sdf", "/data", "ext4", MountOptions.NONE);
        mounts.mountVolume("/dev/sdg", "/logs", "xfs", MountOptions.NONE);
        calls.busy.put("/logs", Integer.MAX_VALUE);
        calls.calls.clear();
        mounts.unmountVolumes(Duration.ofSeconds(2));
        assertTrue(calls.calls.contains("mount null /logs null 33 null"), calls.calls::toString);
        assertEquals("umount2 /data 0", calls.calls.getLast());
        // The bound is one budget for all: tries on /logs stop at 2 s.
        assertTrue(clock.now <= Duration.ofSeconds(2).toNanos(), () -> Long.toString(clock.now));
    }
}
