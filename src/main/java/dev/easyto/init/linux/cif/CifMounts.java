package dev.easyto.init.linux.cif;

import static dev.easyto.init.linux.cif.Calls.checked;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.MountCalls;

/** {@link MountCalls} through the C library. */
final class CifMounts implements MountCalls {

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) {
        String arguments = CallFormat.twoPaths(source, target);
        try (Pins pins = new Pins()) {
            checked(
                    Libc.mount(pins.string(source), pins.string(target), pins.string(fstype), flags, pins.string(data)),
                    "mount",
                    arguments);
        }
    }

    @Override
    public void umount2(String target, int flags) {
        String arguments = CallFormat.pathAndFlags(target, flags);
        try (Pins pins = new Pins()) {
            checked(Libc.umount2(pins.string(target), flags), "umount2", arguments);
        }
    }
}
