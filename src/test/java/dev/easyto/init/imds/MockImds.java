package dev.easyto.init.imds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * The instance metadata service as upstream's integration mock (Zig era) serves it: IMDSv2 only,
 * scenario user data, a fixed {@code meta-data} tree extended by the scenario's {@code imds/}
 * files, and a spot interruption notice after a delay. One implementation for JUnit tests (in
 * process) and the sandbox harness (a standalone process in the VPC network namespace).
 */
public final class MockImds implements AutoCloseable {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    static final String META_DATA = "/latest/meta-data/";
    static final String IDENTITY_DOCUMENT = "/latest/dynamic/instance-identity/document";
    static final String SPOT_ACTION = "spot/instance-action";
    static final int MAX_TTL = 21600;
    /** Marks the mock's own warm-up requests, which it does not log. */
    static final String WARM_UP_HEADER = "X-Mock-Imds-Warm-Up";

    /** The role whose credentials the mock serves under {@code iam/security-credentials/}. */
    public static final String ROLE = MetadataTree.ROLE;

    /**
     * What a scenario serves. {@code scenario} may be null (no user data, default meta-data); a
     * {@code spotDelay} of zero means no spot notice ever.
     */
    public record Data(Path scenario, int nicCount, Duration spotDelay) {
        public Data {
            if (nicCount < 1) {
                throw new IllegalArgumentException("nicCount must be at least 1, got " + nicCount);
            }
            if (spotDelay.isNegative()) {
                throw new IllegalArgumentException("spotDelay must not be negative, got " + spotDelay);
            }
        }

        public static Data of(Path scenario) {
            return new Data(scenario, 1, Duration.ZERO);
        }
    }

    private final InetSocketAddress address;
    private final ExecutorService executor;
    private final ImdsFaults faults;
    private volatile HttpServer server;
    private volatile boolean closed;
    private final Data data;
    private final MetadataTree tree;
    private final String token;
    private final Instant started;
    private final PrintStream log;

    private MockImds(InetSocketAddress address, ExecutorService executor, Data data, PrintStream log)
            throws IOException {
        this.address = address;
        this.executor = executor;
        this.faults = ImdsFaults.of(data.scenario());
        this.data = data;
        this.tree = MetadataTree.create(
                data.nicCount(),
                data.scenario() == null ? null : data.scenario().resolve("imds"));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = "mock-imds-token-" + HexFormat.of().formatHex(random);
        this.started = Instant.now();
        this.log = log;
    }

    /**
     * What the mock serves {@code scenario} (null for none) at {@code path} under {@code
     * /latest/meta-data/}: for tests that must know the values it seeds, such as the scan for
     * leaked secrets of the sandbox scenarios.
     */
    public static Optional<String> metadata(Path scenario, String path) {
        return MetadataTree.create(1, scenario == null ? null : scenario.resolve("imds"))
                .get(path);
    }

    public static MockImds start(InetSocketAddress address, Data data) throws IOException {
        return start(address, data, null);
    }

    static MockImds start(InetSocketAddress address, Data data, PrintStream log) throws IOException {
        // The init's boot phases and its spot monitor talk to IMDS concurrently, with keep-alive.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        MockImds imds = new MockImds(address, executor, data, log);
        imds.listen(address);
        return imds;
    }

    private void listen(InetSocketAddress on) throws IOException {
        HttpServer created = HttpServer.create(on, 64);
        created.createContext("/", this::handle);
        created.setExecutor(executor);
        created.start();
        server = created;
    }

    /**
     * The scenario's {@code unreachable} fault: connections refused from now on for that long
     * (EC2's IMDS early in a boot), then served again on the same port. Nothing when it has none.
     */
    public void goUnreachable() throws IOException {
        Duration unreachable = faults.unreachable();
        if (unreachable.isZero()) {
            return;
        }
        InetSocketAddress bound = new InetSocketAddress(address.getAddress(), port());
        server.stop(0);
        if (log != null) {
            log.printf("unreachable for %d s%n", unreachable.toSeconds());
        }
        // Not a daemon: with the server stopped, it is what keeps the standalone mock's JVM alive.
        Thread.ofPlatform().daemon(false).name("mock-imds-unreachable").start(() -> {
            try {
                Thread.sleep(unreachable);
                if (closed) {
                    return;
                }
                listen(bound);
                if (log != null) {
                    log.printf("reachable again%n");
                }
            } catch (InterruptedException | IOException e) {
                if (log != null) {
                    log.printf("not listening again: %s%n", e);
                }
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Response response;
            if (exchange.getRequestHeaders().containsKey(WARM_UP_HEADER)) {
                response = respond(exchange);
            } else {
                Optional<Response> faulty = fault(exchange);
                if (faulty.isEmpty()) {
                    // A dropped connection: closing the exchange unanswered closes it.
                    return;
                }
                response = faulty.get();
            }
            if (log != null && !exchange.getRequestHeaders().containsKey(WARM_UP_HEADER)) {
                log.printf(
                        "%s %s %d%n",
                        exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), response.status());
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            if (response.status() == 200
                    && TOKEN_PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.getResponseHeaders()
                        .set(TTL_HEADER, exchange.getRequestHeaders().getFirst(TTL_HEADER));
            }
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
            if (!head) {
                exchange.getResponseBody().write(response.body());
            }
        }
    }

    // Built once per request and never compared, so the array's identity semantics do no harm.
    @SuppressWarnings("ArrayRecordComponent")
    private record Response(int status, String contentType, byte[] body) {
        static Response text(int status, String body) {
            return new Response(status, "text/plain", body.getBytes(StandardCharsets.UTF_8));
        }

        static Response status(int status) {
            return text(status, "");
        }
    }

    /** The scenario's fault for this request, if any, else the answer; empty: drop it. */
    private Optional<Response> fault(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        ImdsFaults.Request request = faults.next(path);
        if (!request.delay().isZero()) {
            try {
                Thread.sleep(request.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return switch (request.fault()) {
            case null -> Optional.of(respond(exchange));
            case ImdsFaults.Fault.Status status -> Optional.of(Response.status(status.code()));
            case ImdsFaults.Fault.Garbage garbage ->
                Optional.of(new Response(200, "text/plain", new byte[] {(byte) 0xff, 0, (byte) 0xfe, 0x1b}));
            case ImdsFaults.Fault.Drop drop -> {
                if (log != null) {
                    log.printf("%s %s dropped%n", exchange.getRequestMethod(), path);
                }
                yield Optional.empty();
            }
        };
    }

    private Response respond(HttpExchange exchange) throws IOException {
        // Real IMDS refuses anything that came through a proxy, which is how it blunts SSRF.
        if (exchange.getRequestHeaders().containsKey("X-Forwarded-For")) {
            return Response.status(403);
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (TOKEN_PATH.equals(path)) {
            return "PUT".equals(method) ? issueToken(exchange) : Response.status(405);
        }
        if (path.endsWith("/api/token")) {
            // Tokens exist only under /latest; versioned token paths are refused like upstream's mock.
            return Response.status(403);
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Response.status(405);
        }
        if (!token.equals(exchange.getRequestHeaders().getFirst(TOKEN_HEADER))) {
            return Response.status(401);
        }
        if ("/latest/user-data".equals(path)) {
            return userData()
                    .map(bytes -> new Response(200, "application/octet-stream", bytes))
                    .orElseGet(() -> Response.status(404));
        }
        if (IDENTITY_DOCUMENT.equals(path)) {
            return new Response(
                    200, "application/json", MetadataTree.identityDocument().getBytes(StandardCharsets.UTF_8));
        }
        if ("/latest/meta-data".equals(path) || path.startsWith(META_DATA)) {
            String key = path.length() <= META_DATA.length() ? "" : path.substring(META_DATA.length());
            Optional<String> value = tree.get(key);
            if (value.isPresent()) {
                return Response.text(200, value.get());
            }
            if (SPOT_ACTION.equals(key)) {
                return spotAction();
            }
        }
        return Response.status(404);
    }

    private Response issueToken(HttpExchange exchange) {
        String ttl = exchange.getRequestHeaders().getFirst(TTL_HEADER);
        int seconds;
        try {
            seconds = ttl == null ? 0 : Integer.parseInt(ttl.strip());
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > MAX_TTL) {
            return Response.status(400);
        }
        return Response.text(200, token);
    }

    /**
     * The scenario's user data: {@code user-data.yaml} as is, else {@code user-data.gz} as is,
     * else {@code user-data-source.yaml} gzipped here (upstream's gzip-userdata setup step).
     */
    private Optional<byte[]> userData() throws IOException {
        Path scenario = data.scenario();
        if (scenario == null) {
            return Optional.empty();
        }
        Path plain = scenario.resolve("user-data.yaml");
        if (Files.isRegularFile(plain)) {
            return Optional.of(Files.readAllBytes(plain));
        }
        Path gzipped = scenario.resolve("user-data.gz");
        if (Files.isRegularFile(gzipped)) {
            return Optional.of(Files.readAllBytes(gzipped));
        }
        Path source = scenario.resolve("user-data-source.yaml");
        if (Files.isRegularFile(source)) {
            return Optional.of(gzip(Files.readAllBytes(source)));
        }
        return Optional.empty();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private Response spotAction() {
        Duration delay = data.spotDelay();
        if (delay.isZero() || Instant.now().isBefore(started.plus(delay))) {
            return Response.status(404);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Response.text(200, "{\"action\":\"terminate\",\"time\":\"" + now + "\"}");
    }

    /**
     * {@code --listen HOST:PORT --scenario DIR [--nic-count N] [--spot-delay SECONDS] [--ready-file
     * PATH]}: serves until killed, one request per line on standard error.
     */
    public static void main(String[] args) throws IOException {
        String listen = null;
        Path scenario = null;
        int nicCount = 1;
        long spotDelay = 0;
        Path readyFile = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--listen" -> listen = value;
                case "--scenario" -> scenario = Path.of(value);
                case "--nic-count" -> nicCount = number(option, value);
                case "--spot-delay" -> spotDelay = number(option, value);
                case "--ready-file" -> readyFile = Path.of(value);
                default -> usage("unknown option " + option);
            }
        }
        if (listen == null || scenario == null) {
            usage("--listen and --scenario are required");
        }
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            usage("--listen must be HOST:PORT, got " + listen);
        }
        InetSocketAddress address =
                new InetSocketAddress(listen.substring(0, colon), number("--listen", listen.substring(colon + 1)));
        MockImds imds = start(address, new Data(scenario, nicCount, Duration.ofSeconds(spotDelay)), System.err);
        System.err.printf("mock-imds: listening on %s, scenario %s%n", listen, scenario);
        WarmUp.run(address, imds.token());
        imds.goUnreachable();
        if (readyFile != null) {
            // Written whole and renamed so a waiting harness never reads a partial file.
            Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".partial");
            Files.writeString(partial, imds.port() + "\n");
            Files.move(partial, readyFile, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            usage(option + " expects a number, got " + value);
            return 0;
        }
    }

    private static void usage(String problem) {
        System.err.println("mock-imds: " + problem);
        System.err.println(
                "usage: MockImds --listen HOST:PORT --scenario DIR [--nic-count N] [--spot-delay SECONDS] [--ready-file PATH]");
        System.exit(2);
    }
}
