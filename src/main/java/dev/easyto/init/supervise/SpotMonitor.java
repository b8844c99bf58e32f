package dev.easyto.init.supervise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.aws.ImdsException;
import dev.easyto.init.config.InitConfig;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.InitThreads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;

/**
 * Watches IMDS for a spot interruption notice (docs/behaviour.md §3.10): EC2 announces it two
 * minutes ahead, which is time for the graceful shutdown that a plain stop would also get. It
 * watches from the start of the boot (Pid1), so a notice during a long boot ends the boot too.
 */
@ApplicationScoped
public class SpotMonitor {
    static final String PATH = "spot/instance-action";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImdsClient imds;
    private final ShutdownRequest shutdown;
    private final Duration interval;
    /**
     * The monitor starts with the boot, before the network is up: until IMDS has answered once,
     * a failure to reach it is the boot still on its way, not worth a warning every poll.
     */
    private volatile boolean imdsAnswered;

    @Inject
    public SpotMonitor(ImdsClient imds, ShutdownRequest shutdown, InitConfig config) {
        this(imds, shutdown, config.timeouts().spotPoll());
    }

    SpotMonitor(ImdsClient imds, ShutdownRequest shutdown, Duration interval) {
        this.imds = imds;
        this.shutdown = shutdown;
        this.interval = interval;
    }

    public void start() {
        InitThreads.daemon("spot-monitor", this::watch).start();
    }

    private void watch() {
        while (!shutdown.reason().isDone()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (checkOnce()) {
                return;
            }
        }
    }

    /** One poll; true when a notice was found and the shutdown requested. */
    boolean checkOnce() {
        String body;
        try {
            body = imds.metadata(PATH);
        } catch (ImdsException e) {
            imdsAnswered = true;
            if (!e.notFound()) {
                Console.warn("spot monitor: %s", e.getMessage());
            }
            return false;
        } catch (IOException e) {
            if (imdsAnswered) {
                Console.warn("spot monitor: %s", e.getMessage());
            }
            return false;
        }
        imdsAnswered = true;
        String notice = describe(body);
        if (notice == null) {
            Console.warn("spot monitor: invalid JSON response from %s", PATH);
            return false;
        }
        Console.info("Spot termination notice received: %s", notice);
        Console.info("initiating graceful shutdown due to spot termination");
        shutdown.request("spot termination notice");
        return true;
    }

    /** {@code action=<a>, time=<t>}, or null when the notice lacks either field. */
    static String describe(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null
                    || !json.path("action").isTextual()
                    || !json.path("time").isTextual()) {
                return null;
            }
            return "action=" + json.get("action").asText() + ", time="
                    + json.get("time").asText();
        } catch (IOException e) {
            return null;
        }
    }
}
