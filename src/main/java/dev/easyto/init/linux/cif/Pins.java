package dev.easyto.init.linux.cif;

import dev.easyto.init.linux.CallFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.nativeimage.PinnedObject;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.word.PointerBase;
import org.graalvm.word.WordFactory;

/**
 * Java arrays handed to C for the length of one call: pinned, so the garbage collector neither
 * moves nor frees them while the C function (which runs outside Java and may block) uses them;
 * closing unpins them all. Strings become NUL-terminated UTF-8, as the FFM backend makes them.
 */
final class Pins implements AutoCloseable {
    private final List<PinnedObject> pinned = new ArrayList<>();

    /** A C string; NULL for null. */
    CCharPointer string(String string) {
        if (string == null) {
            return WordFactory.nullPointer();
        }
        byte[] utf8 = CallFormat.cString(string).getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, terminated, 0, utf8.length);
        return pin(terminated).addressOfArrayElement(0);
    }

    /** The array's first byte; NULL for null. The C function reads or writes the array itself. */
    PointerBase bytes(byte[] bytes) {
        return bytes == null ? WordFactory.nullPointer() : pin(bytes).addressOfArrayElement(0);
    }

    PointerBase ints(int[] ints) {
        return pin(ints).addressOfArrayElement(0);
    }

    PointerBase longs(long[] longs) {
        return pin(longs).addressOfArrayElement(0);
    }

    /** A NULL-terminated {@code char *[]}, as argv and envp are. */
    PointerBase strings(List<String> strings) {
        long[] array = new long[strings.size() + 1];
        for (int i = 0; i < strings.size(); i++) {
            array[i] = string(strings.get(i)).rawValue();
        }
        return longs(array);
    }

    private PinnedObject pin(Object array) {
        PinnedObject pin = PinnedObject.create(array);
        pinned.add(pin);
        return pin;
    }

    @Override
    public void close() {
        pinned.forEach(PinnedObject::close);
        pinned.clear();
    }
}
