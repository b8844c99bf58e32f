package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.callWithString;
import static dev.easyto.init.linux.ffm.Downcalls.invoke;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.MachineCalls;
import java.nio.charset.StandardCharsets;

/** {@link MachineCalls} through the C library. */
final class FfmMachine implements MachineCalls {

    @Override
    public void sethostname(String name) {
        long length = name.getBytes(StandardCharsets.UTF_8).length;
        callWithString("sethostname", name, CallFormat.path(name), (state, cName) ->
                (int) Libc.SETHOSTNAME.invokeExact(state, cName, length));
    }

    @Override
    public void reboot(int cmd) {
        call("reboot", CallFormat.hex(cmd), state -> (int) Libc.REBOOT.invokeExact(state, cmd));
    }

    @Override
    public void madvise(long address, long length, int advice) {
        call("madvise", CallFormat.hex(address) + ", " + length + ", " + advice, state ->
                (int) Libc.MADVISE.invokeExact(state, address, length, advice));
    }

    @Override
    public void sync() {
        invoke(() -> {
            Libc.SYNC.invokeExact();
            return 0;
        });
    }
}
