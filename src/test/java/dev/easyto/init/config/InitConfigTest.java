package dev.easyto.init.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings PID 1 takes from its environment, which the kernel fills from its command line. */
class InitConfigTest {

    static InitConfig configWith(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withMapping(InitConfig.class)
                // Quarkus's own, which the application gets: durations such as 5s.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(environment, 300))
                .build();
        return config.getConfigMapping(InitConfig.class);
    }

    @Test
    void theImdsEndpointComesFromTheSdksVariableOrTheLinkLocalDefault() {
        assertEquals("http://169.254.169.254", configWith(Map.of()).imdsEndpoint());
        assertEquals(
                "http://10.0.2.2:8080",
                configWith(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://10.0.2.2:8080"))
                        .imdsEndpoint());
    }

    @Test
    void testModeIsOnWhenTheKernelCommandLineNamesIt() {
        assertEquals(Optional.empty(), configWith(Map.of()).testMode());
        assertTrue(configWith(Map.of("EASYTO_TEST_MODE", "1")).testMode().isPresent());
    }

    @Test
    void theLayoutAndTimeoutsDefaultToUpstreams() {
        InitConfig config = configWith(Map.of());
        assertEquals(Layout.EASYTO, new Layout(config.home()));
        assertEquals("/.easyto/run/boot-trace.json", Layout.EASYTO.bootTrace());
        assertEquals(Duration.ofSeconds(5), config.timeouts().serviceRestart());
        assertEquals(Duration.ofSeconds(15), config.timeouts().dhcp());
    }
}
