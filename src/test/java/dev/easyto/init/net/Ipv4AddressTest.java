package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Ipv4AddressTest {
    @Test
    void parsesAndPrints() {
        Ipv4Address address = Ipv4Address.parse("10.0.2.15");
        assertEquals(0x0A00020F, address.bits());
        assertEquals("10.0.2.15", address.toString());
        assertArrayEquals(new byte[] {10, 0, 2, 15}, address.bytes());
        assertEquals(address, Ipv4Address.of(new byte[] {9, 10, 0, 2, 15}, 1));
        assertEquals("255.255.255.255", Ipv4Address.BROADCAST.toString());
        assertEquals("0.0.0.0", Ipv4Address.ANY.toString());
    }

    @Test
    void rejectsWhatIsNotADottedQuad() {
        for (String bad :
                new String[] {"10.0.2", "10.0.2.256", "10.0.2.-1", "10..2.15", "a.b.c.d", "10.0.2.15.1", "1000.0.0.1"
                }) {
            assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(bad), bad);
        }
    }

    @Test
    void masksAndPrefixes() {
        assertEquals(24, Ipv4Address.parse("255.255.255.0").prefixLength());
        assertEquals(8, Ipv4Address.parse("255.0.0.0").prefixLength());
        assertEquals(32, Ipv4Address.BROADCAST.prefixLength());
        assertEquals(0, Ipv4Address.ANY.prefixLength());
        // Upstream counts one bits; a mask with a hole still gives their number.
        assertEquals(16, Ipv4Address.parse("255.0.255.0").prefixLength());
        assertEquals(Ipv4Address.parse("255.255.240.0"), Ipv4Address.netmask(20));
        assertEquals(Ipv4Address.ANY, Ipv4Address.netmask(0));
        assertEquals(Ipv4Address.BROADCAST, Ipv4Address.netmask(32));
        assertEquals(
                Ipv4Address.parse("10.0.2.255"), Ipv4Address.parse("10.0.2.15").broadcast(24));
        assertEquals(
                Ipv4Address.parse("127.255.255.255"),
                Ipv4Address.parse("127.0.0.1").broadcast(8));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.netmask(33));
    }
}
