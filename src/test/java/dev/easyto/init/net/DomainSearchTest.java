package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainSearchTest {
    @Test
    void rfc3397Example() {
        // eng.apple.com, then marketing. and a pointer to offset 4 ("apple.com").
        byte[] data = Hex.bytes("03656e67 056170706c65 03636f6d 00" + "096d61726b6574696e67 c004");
        assertEquals(List.of("eng.apple.com", "marketing.apple.com"), DomainSearch.decode(data));
    }

    @Test
    void pointersChainAndNamesFollowThem() {
        // a.example.com; b + pointer to "example.com" (2); c + pointer to "b.example.com" (15).
        byte[] data = Hex.bytes("0161 076578616d706c65 03636f6d 00" + "0162 c002" + "0163 c00f");
        assertEquals(List.of("a.example.com", "b.example.com", "c.b.example.com"), DomainSearch.decode(data));
    }

    @Test
    void emptyListAndRootName() {
        assertEquals(List.of(), DomainSearch.decode(new byte[0]));
        assertEquals(List.of(), DomainSearch.decode(new byte[] {0}));
    }

    @Test
    void loopsAndTruncationAreRejected() {
        // A pointer to itself, and one pointing forwards.
        assertThrows(IllegalArgumentException.class, () -> DomainSearch.decode(Hex.bytes("c000")));
        assertThrows(IllegalArgumentException.class, () -> DomainSearch.decode(Hex.bytes("0161 c004 0162 00")));
        // A name without its terminating zero, a label longer than what follows, half a pointer.
        assertThrows(IllegalArgumentException.class, () -> DomainSearch.decode(Hex.bytes("03636f6d")));
        assertThrows(IllegalArgumentException.class, () -> DomainSearch.decode(Hex.bytes("05636f6d00")));
        assertThrows(IllegalArgumentException.class, () -> DomainSearch.decode(Hex.bytes("0161 00 c0")));
        // Label types 01 and 10 are reserved.
        assertThrows(IllegalArgumentException.class, () -> DomainSearch.decode(Hex.bytes("4100")));
    }
}
