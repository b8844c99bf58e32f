package dev.easyto.init.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void namesAndGlibcDescriptions() {
        assertEquals("EPERM", Errno.name(1));
        assertEquals("Operation not permitted", Errno.description(1));
        assertEquals("EBUSY", Errno.name(16));
        assertEquals("Device or resource busy", Errno.description(Errno.EBUSY));
        assertEquals("ENOENT", Errno.name(Errno.ENOENT));
        assertEquals("No such file or directory", Errno.description(2));
        assertEquals("ECHILD", Errno.name(10));
        assertEquals("No child processes", Errno.description(10));
        assertEquals("EAFNOSUPPORT", Errno.name(97));
        assertEquals("Address family not supported by protocol", Errno.description(97));
        assertEquals("ETIMEDOUT", Errno.name(110));
        assertEquals("Connection timed out", Errno.description(110));
        assertEquals("EHWPOISON", Errno.name(133));
        assertEquals("Memory page has hardware error", Errno.description(133));
    }

    @Test
    void sharedNumbersReportTheFirstName() {
        assertEquals("EAGAIN", Errno.name(Errno.EWOULDBLOCK));
        assertEquals("EDEADLK", Errno.name(Errno.EDEADLOCK));
        assertEquals("EOPNOTSUPP", Errno.name(Errno.ENOTSUP));
    }

    @Test
    void unknownNumbers() {
        assertEquals("errno 999", Errno.name(999));
        assertEquals("Unknown error 999", Errno.description(999));
        assertEquals("errno 0", Errno.name(0));
        assertEquals("errno -1", Errno.name(-1));
        // Linux leaves 41 and 58 unassigned.
        assertEquals("errno 41", Errno.name(41));
        assertEquals("Unknown error 58", Errno.description(58));
    }

    @Test
    void everyNumberUpTo133HasAnEntry() {
        for (int errno = 1; errno <= 133; errno++) {
            if (errno == 41 || errno == 58) {
                continue;
            }
            assertTrue(Errno.name(errno).matches("E[A-Z0-9]+"), Errno.name(errno));
            assertFalse(Errno.description(errno).startsWith("Unknown"), Errno.description(errno));
        }
    }

    @Test
    void constantsMatchTheTable() throws IllegalAccessException {
        Set<String> secondNames = Set.of("EWOULDBLOCK", "EDEADLOCK", "ENOTSUP");
        int checked = 0;
        for (Field field : Errno.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                if (!secondNames.contains(field.getName())) {
                    assertEquals(field.getName(), Errno.name(field.getInt(null)));
                    checked++;
                }
            }
        }
        assertEquals(131, checked);
    }

    @Test
    void exceptionMessage() {
        SyscallException e = new SyscallException("mount", "\"devtmpfs\", \"/dev\"", Errno.EBUSY);
        assertEquals("mount(\"devtmpfs\", \"/dev\"): EBUSY (Device or resource busy)", e.getMessage());
        assertEquals("mount", e.call());
        assertEquals("\"devtmpfs\", \"/dev\"", e.arguments());
        assertEquals(16, e.errno());
        assertEquals("EBUSY", e.errnoName());
        assertTrue(e.is(Errno.EBUSY));
        assertFalse(e.is(Errno.EPERM));
        assertEquals("frob(): errno 999 (Unknown error 999)", new SyscallException("frob", "", 999).getMessage());
    }
}
