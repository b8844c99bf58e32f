package dev.easyto.init.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.easyto.init.fs.AtomicFile;
import dev.easyto.init.log.Console;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When each phase started and ended, relative to the start of the boot, for the console and for
 * {@code /.easyto/run/boot-trace.json} (kept on the tmpfs so that it never outlives the boot). The
 * file's format is documented in the README (section "The boot trace") and read by {@code analyze};
 * a change that a reader of {@link #VERSION} could misread must raise it.
 */
public final class BootTrace {

    public enum Status {
        OK,
        FAILED,
        SKIPPED
    }

    /** The version of the file's format, its first field. */
    public static final int VERSION = 1;

    /**
     * {@code after}: the phases this one waited for (what it consumes and what it runs after). {@code
     * note}: what a phase that did not stop the boot still reports (a root growth that failed), else
     * null.
     */
    @RegisterForReflection
    public record Entry(
            String name,
            List<String> after,
            long startedMs,
            long endedMs,
            long durationMs,
            Status status,
            String error,
            String note) {}

    /**
     * {@code pid1StartedMs}: when PID 1 was started, before the JVM and the re-exec, relative to
     * the boot's start (so not positive); null when unknown. {@code command}: what the boot will
     * run, in the shape {@code plan} prints; null until built.
     */
    @RegisterForReflection
    public record Document(
            int version,
            long bootStartedEpochMs,
            Long pid1StartedMs,
            long totalMs,
            boolean completed,
            List<Entry> phases,
            Object command) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final long startNanos = System.nanoTime();
    private final long startEpochMs = System.currentTimeMillis();
    private final List<Entry> entries = new ArrayList<>();
    private Object command;
    private Long pid1StartedMs;

    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    long startNanos() {
        return startNanos;
    }

    void record(String name, List<String> after, long startedNanos, long endedNanos, Status status, String error) {
        record(name, after, startedNanos, endedNanos, status, error, null);
    }

    synchronized void record(
            String name,
            List<String> after,
            long startedNanos,
            long endedNanos,
            Status status,
            String error,
            String note) {
        long started = (startedNanos - startNanos) / 1_000_000;
        long ended = (endedNanos - startNanos) / 1_000_000;
        entries.add(new Entry(name, List.copyOf(after), started, ended, ended - started, status, error, note));
    }

    /** Records that PID 1 was started {@code millisAgo} before now, which is near the boot's start. */
    public synchronized void pid1Started(long millisAgo) {
        this.pid1StartedMs = elapsedMs() - millisAgo;
    }

    /** Records the command the boot built; it must hold no value of a variable. */
    public synchronized void command(Object shown) {
        this.command = shown;
    }

    public synchronized Document document(boolean completed) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::startedMs).thenComparing(Entry::name));
        return new Document(VERSION, startEpochMs, pid1StartedMs, elapsedMs(), completed, List.copyOf(sorted), command);
    }

    /** Writes the trace; a failure here is logged, never fatal: the trace is for people. */
    public void write(Path file, boolean completed) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, JSON.writeValueAsBytes(document(completed)), "rw-r--r--");
        } catch (IOException e) {
            Console.warn("cannot write boot trace %s: %s", file, e.getMessage());
        }
    }
}
