package dev.easyto.init.linux.cif;

import static dev.easyto.init.linux.cif.Calls.checked;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.MachineCalls;
import java.nio.charset.StandardCharsets;

/** {@link MachineCalls} through the C library. */
final class CifMachine implements MachineCalls {

    @Override
    public void sethostname(String name) {
        long length = name.getBytes(StandardCharsets.UTF_8).length;
        String arguments = CallFormat.path(name);
        try (Pins pins = new Pins()) {
            checked(Libc.sethostname(pins.string(name), length), "sethostname", arguments);
        }
    }

    @Override
    public void reboot(int cmd) {
        String arguments = CallFormat.hex(cmd);
        checked(Libc.reboot(cmd), "reboot", arguments);
    }

    @Override
    public void madvise(long address, long length, int advice) {
        String arguments = CallFormat.hex(address) + ", " + length + ", " + advice;
        checked(Libc.madvise(address, length, advice), "madvise", arguments);
    }

    @Override
    public void sync() {
        Libc.sync();
    }
}
