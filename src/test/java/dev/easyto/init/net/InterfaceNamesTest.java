package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.easyto.init.net.InterfaceNames.Rename;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream's collision rule as a function of the links' names. */
class InterfaceNamesTest {
    static Map<Integer, String> names(Object... indexThenName) {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (int i = 0; i < indexThenName.length; i += 2) {
            names.put((Integer) indexThenName[i], (String) indexThenName[i + 1]);
        }
        return names;
    }

    @Test
    void nothingToDoWhenTheNamesAreRight() {
        assertEquals(List.of(), InterfaceNames.plan(names(1, "lo", 2, "eth0", 3, "eth1"), names(2, "eth0", 3, "eth1")));
    }

    @Test
    void aFreeNameIsSimplyTaken() {
        assertEquals(
                List.of(new Rename(2, "ens5", "eth0")),
                InterfaceNames.plan(names(1, "lo", 2, "ens5"), names(2, "eth0")));
    }

    @Test
    void theOccupantMovesToOneAboveTheHighestEthN() {
        // br0 is called eth0; eth3 is the highest ethN, so the bridge becomes eth4.
        assertEquals(
                List.of(new Rename(4, "eth0", "eth4"), new Rename(2, "ens5", "eth0")),
                InterfaceNames.plan(names(1, "lo", 2, "ens5", 3, "eth3", 4, "eth0"), names(2, "eth0")));
    }

    @Test
    void swappedNamesGoThroughASpareOne() {
        // IMDS says index 2 (eth0) is device 1 and index 3 (eth1) is device 0.
        assertEquals(
                List.of(new Rename(3, "eth1", "eth2"), new Rename(2, "eth0", "eth1"), new Rename(3, "eth2", "eth0")),
                InterfaceNames.plan(names(1, "lo", 2, "eth0", 3, "eth1"), names(2, "eth1", 3, "eth0")));
    }

    @Test
    void onlyEthFollowedByDigitsCountsAsEthN() {
        // "ethernet", "eth-x" and "eth" are not ethN names: the highest is eth0, so the occupant becomes eth1.
        assertEquals(
                List.of(new Rename(3, "eth0", "eth1"), new Rename(2, "ens5", "eth0")),
                InterfaceNames.plan(
                        names(2, "ens5", 3, "eth0", 4, "ethernet", 5, "eth-x", 6, "eth"), names(2, "eth0")));
    }

    @Test
    void anUnknownIndexIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> InterfaceNames.plan(names(1, "lo"), names(2, "eth0")));
    }
}
