package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.AT_EMPTY_PATH;
import static dev.easyto.init.linux.LinuxConstants.AT_REMOVEDIR;
import static dev.easyto.init.linux.LinuxConstants.AT_SYMLINK_NOFOLLOW;
import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_CREAT;
import static dev.easyto.init.linux.LinuxConstants.O_DIRECTORY;
import static dev.easyto.init.linux.LinuxConstants.O_EXCL;
import static dev.easyto.init.linux.LinuxConstants.O_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.O_WRONLY;
import static dev.easyto.init.linux.LinuxConstants.RESOLVE_BENEATH;
import static dev.easyto.init.linux.LinuxConstants.RESOLVE_NO_SYMLINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.HostTools;
import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, directories and descriptors, all inside a temporary directory. */
class FilesTest {
    final FileCalls fileCalls = Ffm.files();
    final ProcessCalls processCalls = Ffm.processes();
    final MachineCalls machineCalls = Ffm.machine();

    @TempDir
    Path dir;

    @Test
    void chdir() {
        // The JVM resolves relative paths against the process's directory: stay where we are.
        fileCalls.chdir(System.getProperty("user.dir"));
        SyscallException e = assertThrows(SyscallException.class, () -> fileCalls.chdir("/nonexistent"));
        assertEquals("chdir(\"/nonexistent\"): ENOENT (No such file or directory)", e.getMessage());
        assertEquals("chdir", e.call());
        assertEquals("ENOENT", e.errnoName());
    }

    @Test
    void umaskReturnsThePreviousMaskAndAppliesToMkdir() throws IOException {
        int original = fileCalls.umask(027);
        try {
            assertEquals(027, fileCalls.umask(022));
            assertEquals(022, fileCalls.umask(027));
            Path made = dir.resolve("made");
            fileCalls.mkdir(made.toString(), 0777);
            assertEquals("rwxr-x---", permissions(made));
        } finally {
            fileCalls.umask(original);
        }
    }

    @Test
    void mkdir() throws IOException {
        Path made = dir.resolve("made");
        fileCalls.mkdir(made.toString(), 0700);
        assertTrue(Files.isDirectory(made));
        assertEquals("rwx------", permissions(made));
        SyscallException e = assertThrows(SyscallException.class, () -> fileCalls.mkdir(made.toString(), 0755));
        assertEquals("mkdir(\"" + made + "\", 0755): EEXIST (File exists)", e.getMessage());
    }

    @Test
    void symlink() throws IOException {
        Path link = dir.resolve("link");
        fileCalls.symlink("/nowhere/in/particular", link.toString());
        assertEquals(Path.of("/nowhere/in/particular"), Files.readSymbolicLink(link));
        SyscallException e = assertThrows(SyscallException.class, () -> fileCalls.symlink("/etc", link.toString()));
        assertEquals("symlink(\"/etc\", \"" + link + "\"): EEXIST (File exists)", e.getMessage());
    }

    /** openat2 refuses a link and a way out of the directory; the *at calls work relative to it. */
    @Test
    void openat2AndTheAtCalls() throws IOException {
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));
        int dirFd = fileCalls.open(dir.toString(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        try {
            long resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
            SyscallException link = assertThrows(
                    SyscallException.class, () -> fileCalls.openat2(dirFd, "link", O_RDONLY | O_DIRECTORY, 0, resolve));
            assertEquals(
                    "openat2(" + dirFd + ", \"link\", {flags=0x10000, mode=0000, resolve=0xc}): ELOOP (Too many levels"
                            + " of symbolic links)",
                    link.getMessage());
            SyscallException out =
                    assertThrows(SyscallException.class, () -> fileCalls.openat2(dirFd, "..", O_RDONLY, 0, resolve));
            assertTrue(out.is(Errno.EXDEV), out.getMessage());
            fileCalls.mkdirat(dirFd, "sub", 0700);
            assertEquals("rwx------", permissions(dir.resolve("sub")));
            SyscallException exists = assertThrows(SyscallException.class, () -> fileCalls.mkdirat(dirFd, "sub", 0700));
            assertEquals("mkdirat(" + dirFd + ", \"sub\", 0700): EEXIST (File exists)", exists.getMessage());
            int fd = fileCalls.openat2(dirFd, "sub/new", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600, resolve);
            fileCalls.write(fd, new byte[] {'x'}, 1);
            fileCalls.fsync(fd);
            fileCalls.close(fd);
            fileCalls.renameat(dirFd, "sub/new", dirFd, "renamed");
            assertEquals("x", Files.readString(dir.resolve("renamed")));
            fileCalls.unlinkat(dirFd, "renamed", 0);
            fileCalls.unlinkat(dirFd, "sub", AT_REMOVEDIR);
            assertFalse(Files.exists(dir.resolve("sub")));
            SyscallException gone =
                    assertThrows(SyscallException.class, () -> fileCalls.unlinkat(dirFd, "sub", AT_REMOVEDIR));
            assertEquals(
                    "unlinkat(" + dirFd + ", \"sub\", 0x200): ENOENT (No such file or directory)", gone.getMessage());
            SyscallException rename =
                    assertThrows(SyscallException.class, () -> fileCalls.renameat(dirFd, "none", dirFd, "other"));
            assertEquals(
                    "renameat(" + dirFd + ", \"none\", " + dirFd + ", \"other\"): ENOENT (No such file or directory)",
                    rename.getMessage());
            fileCalls.fsync(dirFd);
        } finally {
            fileCalls.close(dirFd);
        }
        SyscallException closed = assertThrows(SyscallException.class, () -> fileCalls.fsync(dirFd));
        assertEquals("fsync(" + dirFd + "): EBADF (Bad file descriptor)", closed.getMessage());
    }

    @Test
    void fstatatAndReadlinkat() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setAttribute(sub, "unix:gid", 1001);
        Path link = sub.resolve("link");
        // Made by our own call: a JDK Path cannot hold "é" under the C locale CI runs in.
        fileCalls.symlink("../target/é", link.toString());
        Files.setAttribute(link, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
        int dirFd = fileCalls.open(sub.toString(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        try {
            FileStatus itself = fileCalls.fstatat(dirFd, "", AT_EMPTY_PATH);
            assertTrue(itself.isDirectory());
            assertEquals(0750, itself.mode() & 07777);
            assertEquals(0, itself.uid());
            assertEquals(1001, itself.gid());
            FileStatus linkStatus = fileCalls.fstatat(dirFd, "link", AT_SYMLINK_NOFOLLOW);
            assertTrue(linkStatus.isSymbolicLink());
            assertEquals(1000, linkStatus.uid());
            assertEquals("../target/é", fileCalls.readlinkat(dirFd, "link"));
            SyscallException dangling = assertThrows(SyscallException.class, () -> fileCalls.fstatat(dirFd, "link", 0));
            assertEquals(
                    "fstatat(" + dirFd + ", \"link\", 0x0): ENOENT (No such file or directory)", dangling.getMessage());
            SyscallException notLink = assertThrows(SyscallException.class, () -> fileCalls.readlinkat(dirFd, ""));
            assertTrue(notLink.is(Errno.ENOENT), notLink.getMessage());
            Files.writeString(sub.resolve("file"), "x");
            SyscallException file = assertThrows(SyscallException.class, () -> fileCalls.readlinkat(dirFd, "file"));
            assertEquals("readlinkat(" + dirFd + ", \"file\"): EINVAL (Invalid argument)", file.getMessage());
        } finally {
            fileCalls.close(dirFd);
        }
    }

    @Test
    void chmodAndFchmod() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        fileCalls.chmod(file.toString(), 0640);
        assertEquals("rw-r-----", permissions(file));
        int fd = fileCalls.open(file.toString(), O_RDONLY | O_CLOEXEC, 0);
        try {
            fileCalls.fchmod(fd, 0604);
        } finally {
            fileCalls.close(fd);
        }
        assertEquals("rw----r--", permissions(file));
        Path missing = dir.resolve("missing");
        SyscallException e = assertThrows(SyscallException.class, () -> fileCalls.chmod(missing.toString(), 0755));
        assertEquals("chmod(\"" + missing + "\", 0755): ENOENT (No such file or directory)", e.getMessage());
        SyscallException bad = assertThrows(SyscallException.class, () -> fileCalls.fchmod(-1, 0755));
        assertEquals("fchmod(-1, 0755): EBADF (Bad file descriptor)", bad.getMessage());
    }

    @Test
    void chownLchownAndFchown() throws IOException {
        HostTools.require("root", Proc.isRoot(), "giving files away needs root");
        Path file = Files.createFile(dir.resolve("file"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        fileCalls.chown(file.toString(), 65534, 65533);
        assertEquals(65534, Files.getAttribute(file, "unix:uid"));
        assertEquals(65533, Files.getAttribute(file, "unix:gid"));
        fileCalls.lchown(link.toString(), 1000, -1);
        assertEquals(1000, Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(65534, Files.getAttribute(file, "unix:uid"), "lchown followed the link");
        int fd = fileCalls.open(file.toString(), O_RDONLY | O_CLOEXEC, 0);
        try {
            fileCalls.fchown(fd, 0, 0);
        } finally {
            fileCalls.close(fd);
        }
        assertEquals(0, Files.getAttribute(file, "unix:uid"));
        Path missing = dir.resolve("missing");
        SyscallException e = assertThrows(SyscallException.class, () -> fileCalls.chown(missing.toString(), 0, 0));
        assertEquals("chown(\"" + missing + "\", 0, 0): ENOENT (No such file or directory)", e.getMessage());
        SyscallException lchown =
                assertThrows(SyscallException.class, () -> fileCalls.lchown(missing.toString(), 0, -1));
        assertEquals("lchown(\"" + missing + "\", 0, -1): ENOENT (No such file or directory)", lchown.getMessage());
        SyscallException fchown = assertThrows(SyscallException.class, () -> fileCalls.fchown(-1, 0, 0));
        assertEquals("fchown(-1, 0, 0): EBADF (Bad file descriptor)", fchown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fileCalls.chown(file.toString(), 1L << 32, 0));
    }

    @Test
    void openWriteReadAndClose() throws IOException {
        Path file = dir.resolve("file");
        int original = fileCalls.umask(022);
        try {
            int fd = fileCalls.open(file.toString(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            byte[] text = "hello, file".getBytes(StandardCharsets.UTF_8);
            assertEquals(5, fileCalls.write(fd, text, 5));
            fileCalls.close(fd);
            assertEquals("hello", Files.readString(file));
            assertEquals("rw-r--r--", permissions(file));

            fd = fileCalls.open(file.toString(), O_RDONLY | O_CLOEXEC, 0);
            byte[] buffer = new byte[64];
            assertEquals(5, fileCalls.read(fd, buffer, 64));
            assertEquals(0, fileCalls.read(fd, buffer, 64), "end of file");
            assertEquals("hello", new String(buffer, 0, 5, StandardCharsets.UTF_8));
            int readFd = fd;
            assertThrows(IndexOutOfBoundsException.class, () -> fileCalls.read(readFd, buffer, 65));
            fileCalls.close(fd);
        } finally {
            fileCalls.umask(original);
        }
        SyscallException exists = assertThrows(
                SyscallException.class, () -> fileCalls.open(file.toString(), O_WRONLY | O_CREAT | O_EXCL, 0644));
        assertEquals("open(\"" + file + "\", 0xc1): EEXIST (File exists)", exists.getMessage());
        SyscallException missing =
                assertThrows(SyscallException.class, () -> fileCalls.open("/nonexistent", O_RDONLY | O_CLOEXEC, 0));
        assertEquals("open(\"/nonexistent\", 0x80000): ENOENT (No such file or directory)", missing.getMessage());
        SyscallException close = assertThrows(SyscallException.class, () -> fileCalls.close(-1));
        assertEquals("close(-1): EBADF (Bad file descriptor)", close.getMessage());
        SyscallException write = assertThrows(SyscallException.class, () -> fileCalls.write(-1, new byte[0], 0));
        assertEquals("write(-1): EBADF (Bad file descriptor)", write.getMessage());
    }

    @Test
    void dup2() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        int a = fileCalls.open(first.toString(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        int b = fileCalls.open(second.toString(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        try {
            fileCalls.dup2(a, b);
            fileCalls.write(b, "via b".getBytes(StandardCharsets.UTF_8), 5);
            SyscallException e = assertThrows(SyscallException.class, () -> fileCalls.dup2(-1, b));
            assertEquals("dup2(-1, " + b + "): EBADF (Bad file descriptor)", e.getMessage());
        } finally {
            fileCalls.close(a);
            fileCalls.close(b);
        }
        assertEquals("via b", Files.readString(first));
        assertEquals("", Files.readString(second));
    }

    @Test
    void ioctl() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        int fd = fileCalls.open(file.toString(), O_RDONLY | O_CLOEXEC, 0);
        try {
            byte[] count = new byte[4];
            fileCalls.ioctl(fd, LinuxConstants.FIONREAD, count);
            assertEquals(
                    1, ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getInt());
            SyscallException tty =
                    assertThrows(SyscallException.class, () -> fileCalls.ioctl(fd, LinuxConstants.TIOCNOTTY, null));
            assertEquals("ioctl(" + fd + ", 0x5422): ENOTTY (Inappropriate ioctl for device)", tty.getMessage());
            SyscallException bad =
                    assertThrows(SyscallException.class, () -> fileCalls.ioctl(-1, LinuxConstants.FIONREAD, count));
            assertEquals("ioctl(-1, 0x541b): EBADF (Bad file descriptor)", bad.getMessage());
        } finally {
            fileCalls.close(fd);
        }
    }

    @Test
    void processAndThreadIds() throws Exception {
        assertEquals(ProcessHandle.current().pid(), processCalls.getpid());
        assertEquals(
                Path.of(processCalls.getpid() + "/task/" + processCalls.gettid()),
                Files.readSymbolicLink(Path.of("/proc/thread-self")));
        int other = DedicatedThread.call(processCalls::gettid);
        assertTrue(other != processCalls.gettid());
    }

    @Test
    void syncReturns() {
        machineCalls.sync();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
