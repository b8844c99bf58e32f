package dev.easyto.init.imds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults a scenario asks the mock IMDS for, from the file {@code imds-faults} in its
 * directory, one rule a line ({@code #} starts a comment):
 *
 * <pre>
 * unreachable SECONDS          connections refused for the first SECONDS after the mock is ready
 * PATH status CODE,CODE,...    the first requests to PATH answered with these statuses
 * PATH drop COUNT              the next COUNT requests to PATH: connection closed, no answer
 * PATH garbage COUNT           the next COUNT requests to PATH: 200 with bytes that are not text
 * PATH delay SECONDS [COUNT]   answers to PATH held SECONDS (the first COUNT, else every one)
 * </pre>
 *
 * PATH is a request path ({@code /latest/user-data}, {@code /latest/api/token}) or {@code *} for
 * every path without its own rules; each path counts its own requests. A path's status, drop and
 * garbage rules queue up in the order written; once its queue is used, it answers normally.
 */
public final class ImdsFaults {
    /** The name of the file in a scenario's directory. */
    public static final String FILE = "imds-faults";

    static final String ANY = "*";

    /** What the mock does with one request instead of answering it. */
    sealed interface Fault {
        record Status(int code) implements Fault {}

        record Drop() implements Fault {}

        record Garbage() implements Fault {}
    }

    private record Delay(Duration duration, int count) {}

    private final Duration unreachable;
    private final Map<String, List<Fault>> faults;
    private final Map<String, Delay> delays;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private ImdsFaults(Duration unreachable, Map<String, List<Fault>> faults, Map<String, Delay> delays) {
        this.unreachable = unreachable;
        this.faults = faults;
        this.delays = delays;
    }

    public static ImdsFaults none() {
        return new ImdsFaults(Duration.ZERO, Map.of(), Map.of());
    }

    /** The scenario's {@code imds-faults}, or none when it has no such file (or no scenario). */
    public static ImdsFaults of(Path scenario) throws IOException {
        if (scenario == null || !Files.isRegularFile(scenario.resolve(FILE))) {
            return none();
        }
        Path file = scenario.resolve(FILE);
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static ImdsFaults parse(List<String> lines, String source) {
        Duration unreachable = Duration.ZERO;
        Map<String, List<Fault>> faults = new HashMap<>();
        Map<String, Delay> delays = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] words = line.split("\\s+", -1);
            if (words[0].equals("unreachable")) {
                if (words.length != 2) {
                    throw new IllegalArgumentException(where + "expected: unreachable SECONDS");
                }
                unreachable = Duration.ofSeconds(number(words[1], where));
                continue;
            }
            if (words.length < 3 || !(words[0].startsWith("/") || words[0].equals(ANY))) {
                throw new IllegalArgumentException(where + "expected: PATH status|drop|garbage|delay ...");
            }
            List<Fault> queue = faults.computeIfAbsent(words[0], path -> new ArrayList<>());
            switch (words[1]) {
                case "status" -> {
                    for (String code : words[2].split(",", -1)) {
                        queue.add(new Fault.Status(number(code, where)));
                    }
                }
                case "drop" -> repeat(queue, new Fault.Drop(), number(words[2], where));
                case "garbage" -> repeat(queue, new Fault.Garbage(), number(words[2], where));
                case "delay" ->
                    delays.put(
                            words[0],
                            new Delay(
                                    Duration.ofMillis((long) (Double.parseDouble(words[2]) * 1000)),
                                    words.length > 3 ? number(words[3], where) : Integer.MAX_VALUE));
                default -> throw new IllegalArgumentException(where + "unknown fault " + words[1]);
            }
        }
        return new ImdsFaults(unreachable, Map.copyOf(faults), Map.copyOf(delays));
    }

    private static void repeat(List<Fault> queue, Fault fault, int count) {
        for (int i = 0; i < count; i++) {
            queue.add(fault);
        }
    }

    private static int number(String word, String where) {
        try {
            return Integer.parseInt(word.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "expected a whole number, got " + word, e);
        }
    }

    /** How long the mock refuses connections once it is ready; zero for never. */
    public Duration unreachable() {
        return unreachable;
    }

    /** A request to {@code path} arrived: its fault (empty: answer it) and how long to hold it. */
    Request next(String path) {
        int n = requests.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
        List<Fault> queue = faults.getOrDefault(path, faults.getOrDefault(ANY, List.of()));
        Delay delay = delays.getOrDefault(path, delays.get(ANY));
        return new Request(
                n < queue.size() ? queue.get(n) : null,
                delay != null && n < delay.count() ? delay.duration() : Duration.ZERO);
    }

    /** One request's treatment: {@code fault} null for a normal answer. */
    record Request(Fault fault, Duration delay) {}
}
