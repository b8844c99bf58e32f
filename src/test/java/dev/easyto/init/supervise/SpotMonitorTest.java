package dev.easyto.init.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.CapturedConsole;
import dev.easyto.init.aws.FakeImdsClient;
import dev.easyto.init.aws.ImdsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpotMonitorTest {
    final FakeImdsClient imds = new FakeImdsClient();
    final ShutdownRequest shutdown = new ShutdownRequest();
    final SpotMonitor monitor = new SpotMonitor(imds, shutdown, Duration.ofSeconds(5));

    @Test
    void noNoticeMeansKeepWatching() {
        assertFalse(monitor.checkOnce());
        imds.failWith(new ImdsException("/latest/meta-data/spot/instance-action", 500));
        assertFalse(monitor.checkOnce());
        assertFalse(shutdown.reason().isDone());
    }

    @Test
    void aNoticeRequestsTheShutdownOnce() {
        imds.metadata("spot/instance-action", "{\"action\":\"terminate\",\"time\":\"2026-11-28T22:00:00Z\"}");
        assertTrue(monitor.checkOnce());
        assertEquals("spot termination notice", shutdown.reason().join());
        assertFalse(shutdown.request("signal SIGTERM"), "the first reason stays");
    }

    @Test
    void aNoticeWithoutBothFieldsIsIgnored() {
        assertNull(SpotMonitor.describe("{\"action\":\"stop\"}"));
        assertNull(SpotMonitor.describe("not json"));
        assertEquals("action=stop, time=t", SpotMonitor.describe("{\"action\":\"stop\",\"time\":\"t\"}"));
        imds.metadata("spot/instance-action", "{\"action\":\"stop\"}");
        assertFalse(monitor.checkOnce());
        assertFalse(shutdown.reason().isDone());
    }

    /**
     * The monitor starts with the boot: until IMDS has answered once (the network is not up yet)
     * a failed poll is silent; after that it is worth a warning.
     */
    @Test
    void unreachableImdsIsSilentUntilItHasAnswered() {
        try (CapturedConsole console = new CapturedConsole()) {
            imds.failWith(new java.net.ConnectException("Network is unreachable"));
            assertFalse(monitor.checkOnce());
            assertEquals("", console.text());
            imds.reset();
            assertFalse(monitor.checkOnce());
            imds.failWith(new java.net.ConnectException("Network is unreachable"));
            assertFalse(monitor.checkOnce());
            assertEquals("warning: spot monitor: Network is unreachable\n", console.text());
        }
    }
}
