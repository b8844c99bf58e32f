package dev.easyto.init.imds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code /latest/meta-data/} tree of upstream's mock with the scenario's {@code imds/} files
 * laid over it. Keys are paths relative to {@code /latest/meta-data/}; directories exist only as
 * prefixes of leaves, so a scenario file adds its directory listings too.
 */
final class MetadataTree {
    static final String INSTANCE_ID = "i-test12345";
    static final String AMI_ID = "ami-test12345";
    static final String INSTANCE_TYPE = "t3.micro";
    static final String AVAILABILITY_ZONE = "us-east-1a";
    static final String REGION = "us-east-1";
    static final String ROLE = "test-instance-role";
    static final String OPENSSH_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7test-key test@example.com";

    /** Listings that are not derived from the leaves: real IMDS lists public keys as {@code index=name}. */
    private static final Map<String, String> LISTINGS = Map.of("public-keys/", "0=test-key");

    private final SortedMap<String, String> leaves;

    private MetadataTree(SortedMap<String, String> leaves) {
        this.leaves = leaves;
    }

    static MetadataTree create(int nicCount, Path overrides) {
        SortedMap<String, String> leaves = new TreeMap<>();
        leaves.put("instance-id", INSTANCE_ID);
        leaves.put("local-hostname", "test-host");
        leaves.put("ami-id", AMI_ID);
        leaves.put("instance-type", INSTANCE_TYPE);
        leaves.put("placement/availability-zone", AVAILABILITY_ZONE);
        leaves.put("placement/region", REGION);
        leaves.put("public-keys/0/openssh-key", OPENSSH_KEY);
        for (int i = 0; i < nicCount; i++) {
            String nic = "network/interfaces/macs/" + mac(i) + "/";
            leaves.put(nic + "device-number", Integer.toString(i));
            leaves.put(nic + "local-ipv4s", privateIp(i));
            leaves.put(nic + "subnet-id", "subnet-test" + i);
            leaves.put(nic + "vpc-id", "vpc-test123");
        }
        leaves.put("iam/security-credentials/" + ROLE, credentials());
        if (overrides != null && Files.isDirectory(overrides)) {
            try (Stream<Path> files = Files.walk(overrides)) {
                files.filter(Files::isRegularFile).forEach(file -> {
                    String key = overrides.relativize(file).toString();
                    try {
                        leaves.put(key, Files.readString(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new MetadataTree(leaves);
    }

    /** The MAC of NIC {@code index}, as QEMU numbers upstream's NICs: 52:54:00:12:34:56 upwards. */
    static String mac(int index) {
        return "52:54:00:12:34:%02x".formatted(0x56 + index);
    }

    static String privateIp(int index) {
        return "10.0.2." + (15 + index);
    }

    /**
     * The value of a leaf, or the listing of a directory (with or without its trailing slash, as
     * real IMDS answers both); empty if the path names neither.
     */
    Optional<String> get(String path) {
        String leaf = leaves.get(path);
        if (leaf != null) {
            return Optional.of(leaf);
        }
        String dir = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        String fixed = LISTINGS.get(dir);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String key : leaves.tailMap(dir).keySet()) {
            if (!key.startsWith(dir)) {
                break;
            }
            String rest = key.substring(dir.length());
            int slash = rest.indexOf('/');
            entries.add(slash < 0 ? rest : rest.substring(0, slash + 1));
        }
        return entries.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", entries));
    }

    private static String credentials() {
        return """
                {
                  "Code" : "Success",
                  "LastUpdated" : "2024-01-01T00:00:00Z",
                  "Type" : "AWS-HMAC",
                  "AccessKeyId" : "ASIATESTACCESSKEY123",
                  "SecretAccessKey" : "testSecretAccessKey1234567890abcdefghij",
                  "Token" : "testSessionToken1234567890",
                  "Expiration" : "2099-12-31T23:59:59Z"
                }""";
    }

    /** The instance identity document, for this tree's first NIC. */
    static String identityDocument() {
        return """
                {
                  "accountId" : "123456789012",
                  "architecture" : "x86_64",
                  "availabilityZone" : "%s",
                  "imageId" : "%s",
                  "instanceId" : "%s",
                  "instanceType" : "%s",
                  "privateIp" : "%s",
                  "region" : "%s",
                  "version" : "2017-09-30"
                }""".formatted(AVAILABILITY_ZONE, AMI_ID, INSTANCE_ID, INSTANCE_TYPE, privateIp(0), REGION);
    }
}
