package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.ffm.Downcalls.cString;
import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.callWithString;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.MountCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link MountCalls} through the C library. */
final class FfmMounts implements MountCalls {

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cSource = cStringOrNull(arena, source);
            MemorySegment cTarget = cString(arena, target);
            MemorySegment cType = cStringOrNull(arena, fstype);
            MemorySegment cData = cStringOrNull(arena, data);
            call(arena, "mount", CallFormat.twoPaths(source, target), state ->
                    (int) Libc.MOUNT.invokeExact(state, cSource, cTarget, cType, flags, cData));
        }
    }

    @Override
    public void umount2(String target, int flags) {
        callWithString("umount2", target, CallFormat.pathAndFlags(target, flags), (state, cTarget) ->
                (int) Libc.UMOUNT2.invokeExact(state, cTarget, flags));
    }

    private static MemorySegment cStringOrNull(Arena arena, String string) {
        return string == null ? MemorySegment.NULL : cString(arena, string);
    }
}
