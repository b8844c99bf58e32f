package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ebs} items are checked as the init will use them, each problem at its line and column. */
class EbsSpecTest {

    private static List<String> errors(String yaml) {
        return UserDataReaderTest.errors(yaml).stream().map(SpecProblem::format).toList();
    }

    private static List<String> warnings(String yaml) throws SpecException {
        return UserDataReader.parse(yaml, "ud.yaml").warnings().stream()
                .map(SpecProblem::format)
                .toList();
    }

    @Test
    void theUpstreamScenariosAndTheDocumentedExampleAreAccepted() throws SpecException {
        assertEquals(List.of(), warnings("""
                volumes:
                  - ebs:
                      device: /dev/nvme0n1
                      mount: {fs-type: btrfs, destination: /mnt/data}
                  - ebs:
                      device: /dev/sdf
                      attachment:
                        tags: [{key: Name, value: data-vol}, {key: easyto-data}]
                        timeout: 600
                      mount: {destination: /var/lib/data, fs-type: ext4, mode: "0750", options: [noatime, "compress=zstd"]}
                  - ebs: {device: /dev/xvdba, attachment: {tags: [{key: k}]}}
                """));
    }

    @Test
    void aDeviceMustBeAPathUnderDev() {
        assertEquals(
                List.of(
                        "ud.yaml:2:19: volumes[0].ebs.device: must be a device path under /dev/, such as /dev/sdf or"
                                + " /dev/nvme1n1, got \"sdf\"",
                        "ud.yaml:3:19: volumes[1].ebs.device: must be a device path under /dev/, such as /dev/sdf or"
                                + " /dev/nvme1n1, got \"/dev/../etc/passwd\""),
                errors("""
                        volumes:
                          - ebs: {device: sdf}
                          - ebs: {device: /dev/../etc/passwd}
                        """));
    }

    /** QEMU's NVMe disks have no EC2 name: a warning, since moto and the VM tests attach them. */
    @Test
    void anAttachmentAtAKernelNameIsAWarning() throws SpecException {
        List<String> warnings = warnings("""
                volumes:
                  - ebs: {device: /dev/nvme1n1, attachment: {tags: [{key: Name, value: db}]}}
                  - ebs: {device: /dev/xvda, attachment: {tags: [{key: Name, value: db}]}}
                """);
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(
                warnings.getFirst()
                        .startsWith(
                                "ud.yaml:2:19: warning: volumes[0].ebs.device: /dev/nvme1n1 is not an EC2 device name"),
                warnings::toString);
    }

    @Test
    void anAttachmentNeedsTagsWithKeysAndASaneTimeout() {
        assertEquals(
                List.of(
                        "ud.yaml:5:9: volumes[0].ebs.attachment.tags: at least one tag is required: without one, any"
                                + " available volume in the availability zone would be attached",
                        "ud.yaml:5:18: volumes[0].ebs.attachment.timeout: must be between 1 and 86400 seconds, found 0",
                        "ud.yaml:9:22: volumes[1].ebs.attachment.tags[0].key: must not be empty"),
                errors("""
                        volumes:
                          - ebs:
                              device: /dev/sdf
                              attachment:
                                timeout: 0
                          - ebs:
                              device: /dev/sdg
                              attachment:
                                tags: [{key: ""}]
                        """));
    }

    @Test
    void theFilesystemTypeMustBeANameAndOneTheInitCannotMakeIsAWarning() throws SpecException {
        assertEquals(
                List.of("ud.yaml:2:63: volumes[0].ebs.mount.fs-type: must be a filesystem type such as ext4 or xfs"
                        + " (lower case letters, digits, '.', '_' and '-'), got \"../../bin/sh\""),
                errors("""
                        volumes:
                          - ebs: {device: /dev/sdf, mount: {destination: /d, fs-type: ../../bin/sh}}
                        """));
        List<String> warnings = warnings("""
                volumes:
                  - ebs: {device: /dev/sdf, mount: {destination: /d, fs-type: vfat}}
                """);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(
                warnings.getFirst().startsWith("ud.yaml:2:63: warning: volumes[0].ebs.mount.fs-type: the init formats"),
                warnings::toString);
    }

    @Test
    void mountOptionsTheKernelWouldRefuseAreErrorsAtTheirItem() {
        assertEquals(
                List.of(
                        "ud.yaml:8:11: volumes[0].ebs.mount.options[1]: \"nofail\": an option of mount(8) and fstab,"
                                + " not of the kernel; the init does not support it",
                        "ud.yaml:9:11: volumes[0].ebs.mount.options[2]: \"remount\": makes the mount another"
                                + " operation; a volume is always mounted anew"),
                errors("""
                        volumes:
                          - ebs:
                              device: /dev/sdf
                              mount:
                                destination: /data
                                fs-type: ext4
                                options: [noatime,
                                  nofail,
                                  "nodev,remount"]
                        """));
    }

    @Test
    void anEbsVolumeCannotBeMountedOverTheRoot() {
        assertEquals(
                List.of("ud.yaml:2:50: volumes[0].ebs.mount.destination: cannot be /: the volume would hide the root"),
                errors("""
                        volumes:
                          - ebs: {device: /dev/sdf, mount: {destination: /, fs-type: ext4}}
                        """));
    }
}
