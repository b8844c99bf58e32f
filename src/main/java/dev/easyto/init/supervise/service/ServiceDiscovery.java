package dev.easyto.init.supervise.service;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.aws.ImdsException;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.log.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The services baked into the AMI: one empty marker file per service in {@code /.easyto/services}
 * (docs/behaviour.md §4.1). A missing directory means none, as upstream's current release has it:
 * easyto does not create the directory for an AMI built without services.
 */
final class ServiceDiscovery {
    static final String SSH_KEY = "public-keys/0/openssh-key";
    static final String CHRONY = "chrony";
    static final String SSH = "ssh";

    private ServiceDiscovery() {}

    static EnabledServices discover(Root root, Layout layout, List<String> disabled, ImdsClient imds) {
        Path directory = root.resolve(layout.services());
        if (!Files.isDirectory(directory)) {
            Console.info("no services: %s does not exist", layout.services());
            return EnabledServices.NONE;
        }
        List<String> names;
        // Sorted: the directory's order is the filesystem's, and the start order should not be.
        try (Stream<Path> entries = Files.list(directory)) {
            names = entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            Console.warn("failed to discover services: %s: %s", layout.services(), e.getMessage());
            return EnabledServices.NONE;
        }
        boolean chrony = false;
        Optional<String> sshKey = Optional.empty();
        for (String name : names) {
            if (disabled.contains(name)) {
                Console.info("Disabling service %s", name);
            } else if (name.equals(CHRONY)) {
                chrony = true;
            } else if (name.equals(SSH)) {
                try {
                    sshKey = Optional.of(imds.metadata(SSH_KEY));
                } catch (ImdsException e) {
                    if (!e.notFound()) {
                        return failed(e);
                    }
                    Console.info("Disabling service ssh as no public key was assigned");
                } catch (IOException e) {
                    return failed(e);
                }
            } else {
                Console.warn("Unknown service %s", name);
            }
        }
        return new EnabledServices(chrony, sshKey);
    }

    /**
     * Upstream's current release: an IMDS failure while probing the key costs the services, not
     * the instance; the main process still starts.
     */
    private static EnabledServices failed(IOException e) {
        Console.warn("failed to discover services: %s", e.getMessage());
        return EnabledServices.NONE;
    }
}
