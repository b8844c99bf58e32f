package dev.easyto.init.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessStartTest {
    /** A JVM started 12.34 s after the machine (1234 ticks), with a command name that has ") (". */
    private static final String STAT = "1 (java) (x) S 0 1 1 0 -1 4194560 4562 0 12 0 150 30 0 0 20 0 19 0 1234"
            + " 3620569088 30297 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";

    @Test
    void millisecondsSinceTheStartTime() {
        assertEquals(OptionalLong.of(2_660), ProcessStart.millisAgo(STAT, "15.00 40.12\n"));
    }

    @Test
    void aStartAfterNowIsUnknown() {
        assertEquals(OptionalLong.empty(), ProcessStart.millisAgo(STAT, "10.00 1.00\n"));
    }

    @Test
    void thisProcess() {
        OptionalLong age = ProcessStart.millisAgo();
        assertTrue(age.isPresent() && age.getAsLong() >= 0, age::toString);
    }
}
