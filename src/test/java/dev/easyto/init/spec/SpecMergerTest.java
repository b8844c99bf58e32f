package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.LinuxConstants;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecMergerTest {
    static final ImageConfig IMAGE = new ImageConfig(
            List.of("/entry"),
            List.of("--image-arg"),
            List.of(new NameValue("A", "image-a"), new NameValue("B", "image-b"), new NameValue("C", "image-c")),
            "1000:1001",
            "/srv",
            "SIGQUIT");
    static final RunAs IMAGE_USER = new RunAs(1000, 1001);

    static VmSpec merge(String userData) throws SpecException {
        return SpecMerger.merge(
                IMAGE, IMAGE_USER, UserDataReader.parse(userData, "ud").userData());
    }

    @Test
    void theStopSignalResolvesToANumberAndDefaultsToSigterm() {
        assertEquals(LinuxConstants.SIGTERM, SpecMerger.stopSignal(null));
        assertEquals(LinuxConstants.SIGINT, SpecMerger.stopSignal("INT"));
        assertEquals(LinuxConstants.SIGINT, SpecMerger.stopSignal("2"));
        assertEquals(37, SpecMerger.stopSignal("SIGRTMIN+3"));
    }

    @Test
    void noUserDataKeepsTheImage() {
        VmSpec spec = SpecMerger.merge(IMAGE, IMAGE_USER, UserData.NONE);
        assertEquals(List.of("/entry"), spec.command());
        assertEquals(List.of("--image-arg"), spec.args());
        assertEquals(IMAGE.env(), spec.env());
        assertEquals("/srv", spec.workingDir());
        assertEquals(1000, spec.uid());
        assertEquals(1001, spec.gid());
        assertEquals(10, spec.shutdownGracePeriod());
        assertEquals(LinuxConstants.SIGQUIT, spec.stopSignal());
        assertFalse(spec.debug());
        assertFalse(spec.replaceInit());
        assertFalse(spec.readonlyRootFs());
    }

    @Test
    void argsReplaceTheImageCmdEvenWhenEmpty() throws SpecException {
        assertEquals(List.of("x"), merge("args: [x]").args());
        assertEquals(List.of(), merge("args: []").args());
        assertEquals(List.of("/entry"), merge("args: []").command());
    }

    @Test
    void commandWithoutArgsDropsTheImageCmd() throws SpecException {
        VmSpec spec = merge("command: [/bin/other]");
        assertEquals(List.of("/bin/other"), spec.command());
        assertEquals(List.of(), spec.args());
        VmSpec both = merge("command: [/bin/other]\nargs: [y]");
        assertEquals(List.of("y"), both.args());
    }

    @Test
    void envMergesByNameImageOrderThenUserOrder() throws SpecException {
        VmSpec spec = merge("""
                env:
                  - {name: Z, value: user-z}
                  - {name: B, value: user-b}
                """);
        assertEquals(
                List.of(
                        new NameValue("A", "image-a"),
                        new NameValue("C", "image-c"),
                        new NameValue("Z", "user-z"),
                        new NameValue("B", "user-b")),
                spec.env());
    }

    @Test
    void workingDirAbsentOrNullKeepsTheImagesAndDefaultsToRoot() throws SpecException {
        assertEquals("/srv", merge("debug: false").workingDir());
        assertEquals("/srv", merge("working-dir: null").workingDir());
        assertEquals("/tmp", merge("working-dir: /tmp").workingDir());
        ImageConfig noWorkingDir = new ImageConfig(null, null, List.of(), null, null, null);
        assertEquals(
                "/", SpecMerger.merge(noWorkingDir, RunAs.ROOT, UserData.NONE).workingDir());
    }

    @Test
    void securityOverridesFieldByField() throws SpecException {
        VmSpec uidOnly = merge("security: {run-as-user-id: 65534}");
        assertEquals(65534, uidOnly.uid());
        assertEquals(1001, uidOnly.gid());
        VmSpec both = merge("security: {run-as-user-id: 0, run-as-group-id: 0, readonly-root-fs: true}");
        assertEquals(0, both.uid());
        assertEquals(0, both.gid());
        assertTrue(both.readonlyRootFs());
    }

    @Test
    void scalarFlagsAndListsAreTakenFromUserData() throws SpecException {
        VmSpec spec = merge("""
                debug: true
                replace-init: true
                shutdown-grace-period: 0
                disable-services: [chrony]
                modules: [overlay]
                init-scripts: ["#!/bin/sh\\n"]
                sysctls: [{name: vm.swappiness, value: "10"}]
                env-from: [{imds: {name: I, path: instance-id}}]
                """);
        assertTrue(spec.debug());
        assertTrue(spec.replaceInit());
        assertEquals(0, spec.shutdownGracePeriod());
        assertEquals(List.of("chrony"), spec.disableServices());
        assertEquals(List.of("overlay"), spec.modules());
        assertEquals(1, spec.initScripts().size());
        assertEquals(List.of(new NameValue("vm.swappiness", "10")), spec.sysctls());
        assertEquals(List.of(new EnvFrom.Imds("I", "instance-id", false)), spec.envFrom());
    }

    @Test
    void volumeMountsDefaultToTheRunAsIdsEbsModeTo0755AndTemplatesTo0644() throws SpecException {
        VmSpec spec = merge("""
                security: {run-as-user-id: 42}
                volumes:
                  - ebs: {device: /dev/sdf, mount: {destination: /d, fs-type: ext4}}
                  - ebs: {device: /dev/sdg}
                  - s3: {bucket: b, mount: {destination: /s, user-id: 7}}
                  - ssm: {path: /p, mount: {destination: /p}}
                  - secrets-manager: {secret-id: s, mount: {destination: /s.key, group-id: 9}}
                  - template: {content: x, mount: {destination: /t}}
                """);
        List<Volume> v = spec.volumes();
        assertEquals(new Mount("/d", "ext4", 42L, 1001L, "0755", null), v.get(0).mount());
        assertEquals(null, v.get(1).mount());
        assertEquals(new Mount("/s", null, 7L, 1001L, null, null), v.get(2).mount());
        assertEquals(new Mount("/p", null, 42L, 1001L, null, null), v.get(3).mount());
        assertEquals(new Mount("/s.key", null, 42L, 9L, null, null), v.get(4).mount());
        assertEquals(new Mount("/t", null, 42L, 1001L, "0644", null), v.get(5).mount());
    }

    @Test
    void mergeByNameWithoutOverrideKeepsBase() {
        List<NameValue> base = List.of(new NameValue("A", "1"));
        assertEquals(base, SpecMerger.mergeByName(base, null));
        assertEquals(List.of(new NameValue("A", "2")), SpecMerger.mergeByName(base, List.of(new NameValue("A", "2"))));
    }
}
