package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDataReaderTest {

    static final String EVERY_FIELD = """
            args: ["--port", "$(PORT)"]
            command: ["/app/server"]
            debug: true
            disable-services: [ssh]
            env:
              - name: PORT
                value: 8080
              - name: FLAG
                value: true
            env-from:
              - imds: {name: HOST, path: local-ipv4, optional: true}
              - s3: {bucket: b, key: k.json, name: S3VAR, base64-encode: true, optional: true}
              - ssm: {path: /app/db, name: DB, base64-encode: false, optional: true}
              - secrets-manager: {secret-id: app/pw, name: PW, base64-encode: true, optional: false}
            init-scripts:
              - |
                #!/bin/sh
                echo hi
            modules: [br_netfilter, overlay]
            replace-init: false
            security:
              readonly-root-fs: true
              run-as-user-id: 65534
              run-as-group-id: 4294967294
              sshd: {enable: true}
            shutdown-grace-period: 30
            sysctls:
              - name: net.ipv4.ip_forward
                value: "1"
            volumes:
              - ebs:
                  device: /dev/sdf
                  attachment:
                    tags:
                      - key: Name
                        value: data
                      - key: easyto-data
                    timeout: 600
                  mount:
                    destination: /data
                    fs-type: ext4
                    user-id: 1000
                    group-id: 1001
                    mode: "0750"
                    options: [noatime]
              - s3: {bucket: files, key-prefix: app/, optional: true, mount: {destination: /config}}
              - ssm: {path: /app/config/, optional: true, mount: {destination: /ssm}}
              - secrets-manager: {secret-id: tls, optional: true, mount: {destination: /tls.key}}
              - template:
                  content: "{{a}}"
                  variables: {a: 1, list: [x, null, true], nested: {b: c}}
                  optional: true
                  mount: {destination: /out, mode: "644"}
            working-dir: /app
            """;

    static UserData parse(String yaml) throws SpecException {
        return UserDataReader.parse(yaml, "ud.yaml").userData();
    }

    static List<SpecProblem> errors(String yaml) {
        SpecException e = assertThrows(SpecException.class, () -> parse(yaml));
        assertFalse(e.errors().isEmpty());
        return e.errors();
    }

    static SpecProblem onlyError(String yaml) {
        List<SpecProblem> errors = errors(yaml);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        return errors.getFirst();
    }

    @Test
    void everyFieldIsParsed() throws SpecException {
        UserDataReader.Parsed parsed = UserDataReader.parse(EVERY_FIELD, "ud.yaml");
        assertEquals(List.of(), parsed.warnings());
        UserData ud = parsed.userData();
        assertEquals(List.of("--port", "$(PORT)"), ud.args());
        assertEquals(List.of("/app/server"), ud.command());
        assertEquals(true, ud.debug());
        assertEquals(List.of("ssh"), ud.disableServices());
        assertEquals(List.of(new NameValue("PORT", "8080"), new NameValue("FLAG", "true")), ud.env());
        assertEquals(
                List.of(
                        new EnvFrom.Imds("HOST", "local-ipv4", true),
                        new EnvFrom.S3("b", "k.json", "S3VAR", true, true),
                        new EnvFrom.Ssm("/app/db", "DB", false, true),
                        new EnvFrom.SecretsManager("app/pw", "PW", true, false)),
                ud.envFrom());
        assertEquals(List.of("#!/bin/sh\necho hi\n"), ud.initScripts());
        assertEquals(List.of("br_netfilter", "overlay"), ud.modules());
        assertEquals(false, ud.replaceInit());
        assertEquals(new Security(true, 65534L, 4294967294L, true), ud.security());
        assertEquals(30L, ud.shutdownGracePeriod());
        assertEquals(List.of(new NameValue("net.ipv4.ip_forward", "1")), ud.sysctls());
        assertEquals("/app", ud.workingDir());

        List<Volume> volumes = ud.volumes();
        assertEquals(
                new Volume.Ebs(
                        "/dev/sdf",
                        new Volume.Attachment(
                                List.of(new Volume.Tag("Name", "data"), new Volume.Tag("easyto-data", null)), 600),
                        new Mount("/data", "ext4", 1000L, 1001L, "0750", List.of("noatime"))),
                volumes.get(0));
        assertEquals(
                new Volume.S3("files", "app/", new Mount("/config", null, null, null, null, null), true),
                volumes.get(1));
        assertEquals(
                new Volume.Ssm("/app/config/", new Mount("/ssm", null, null, null, null, null), true), volumes.get(2));
        assertEquals(
                new Volume.SecretsManager("tls", new Mount("/tls.key", null, null, null, null, null), true),
                volumes.get(3));
        Volume.Template template = (Volume.Template) volumes.get(4);
        assertEquals("{{a}}", template.content());
        assertTrue(template.optional());
        assertEquals("644", template.mount().mode());
        Map<?, ?> variables = (Map<?, ?>) template.variables();
        assertEquals(1L, variables.get("a"));
        assertEquals(java.util.Arrays.asList("x", null, true), variables.get("list"));
        assertEquals(Map.of("b", "c"), variables.get("nested"));
    }

    @Test
    void everyDeclaredKeyAppearsInTheFullDocument() {
        // The full document above is the reader's coverage check: a key added to the schema
        // table must be added there too, with an assertion.
        for (Shape shape : UserDataSchema.allShapes()) {
            for (Shape.Field field : shape.fields()) {
                assertTrue(
                        EVERY_FIELD.contains(field.key() + ":") || EVERY_FIELD.contains(field.key() + "\n"),
                        () -> shape.name() + "." + field.key() + " is not exercised by EVERY_FIELD");
            }
        }
    }

    @Test
    void emptyAndNullDocumentsMeanNoUserData() throws SpecException {
        assertSame(UserData.NONE, parse(""));
        assertSame(UserData.NONE, parse("  \n\t\n"));
        assertSame(UserData.NONE, parse("# only a comment\n"));
        assertSame(UserData.NONE, parse("~\n"));
    }

    @Test
    void nullValuesAreUnsetLikeTerraformWritesThem() throws SpecException {
        UserData ud = parse("""
                "args": null
                "command": null
                "env": null
                "security": {"readonly-root-fs": null, "run-as-user-id": null}
                "working-dir": null
                "volumes": null
                """);
        assertNull(ud.args());
        assertNull(ud.command());
        assertNull(ud.env());
        assertNull(ud.workingDir());
        assertNull(ud.volumes());
        assertEquals(Security.UNSET, ud.security());
    }

    @Test
    void workingDirNullIsNotTheStringNull() throws SpecException {
        assertNull(parse("working-dir: null\n").workingDir());
        assertEquals("null", parse("working-dir: 'null'\n").workingDir());
    }

    @Test
    void scalarsOfOtherTypesAreAcceptedAsStringsVerbatim() throws SpecException {
        UserData ud = parse("""
                env:
                  - {name: A, value: 123}
                  - {name: B, value: 1.50}
                  - {name: C, value: yes}
                  - {name: D, value: 0755}
                  - {name: E, value: ""}
                """);
        assertEquals(
                List.of("123", "1.50", "yes", "0755", ""),
                ud.env().stream().map(NameValue::value).toList());
    }

    @Test
    void modeAsYamlIntegerIsAnErrorThatSaysSo() {
        SpecProblem p = onlyError("""
                volumes:
                  - ebs:
                      device: /dev/sdf
                      mount:
                        destination: /data
                        fs-type: ext4
                        mode: 0755
                """);
        assertEquals("volumes[0].ebs.mount.mode", p.path());
        assertEquals(7, p.line());
        assertEquals(15, p.column());
        assertTrue(p.message().contains("quoted"), p.message());
        assertTrue(p.message().contains("0755"), p.message());
    }

    @Test
    void modeMustBeOctal() {
        SpecProblem p = onlyError("volumes:\n  - template: {content: x, mount: {destination: /x, mode: \"0999\"}}\n");
        assertEquals("volumes[0].template.mount.mode", p.path());
        assertTrue(p.message().contains("octal"), p.message());
    }

    @Test
    void missingFsTypeOfAnEbsMountNamesTheField() {
        SpecProblem p = onlyError("""
                volumes:
                  - s3: {bucket: b, mount: {destination: /c}}
                  - ebs:
                      device: /dev/sdf
                      mount:
                        destination: /data
                """);
        assertEquals("volumes[1].ebs.mount.fs-type", p.path());
        assertEquals(6, p.line());
        assertEquals(
                "ud.yaml:6:9: volumes[1].ebs.mount.fs-type: is required for an EBS mount (ext2, ext3, ext4, btrfs or xfs)",
                p.format());
    }

    @Test
    void missingRequiredFieldsAreAllReported() {
        List<SpecProblem> errors = errors("""
                env:
                  - name: A
                env-from:
                  - s3: {bucket: b}
                volumes:
                  - ssm: {path: /p}
                """);
        assertEquals(
                List.of("env[0].value", "env-from[0].s3.key", "volumes[0].ssm.mount"),
                errors.stream().map(SpecProblem::path).toList());
        errors.forEach(e -> assertEquals("missing required field", e.message()));
        assertEquals(List.of(2, 4, 6), errors.stream().map(SpecProblem::line).toList());
    }

    @Test
    void wrongTypesAreReportedWithWhatWasFound() {
        List<SpecProblem> errors = errors("""
                command: /bin/app
                debug: yes
                shutdown-grace-period: -1
                security:
                  run-as-user-id: "1000"
                  run-as-group-id: 4294967295
                env: {name: A, value: b}
                args: [[nested]]
                """);
        assertEquals(
                List.of(
                        "command: expected a list, found the string \"/bin/app\"",
                        "debug: expected true or false, found the string \"yes\"",
                        "shutdown-grace-period: must be between 0 and 18446744073709551615, found -1",
                        "security.run-as-user-id: expected a whole number, found the string \"1000\"",
                        "security.run-as-group-id: must be " + Ids.RANGE + ", found 4294967295",
                        "env: expected a list, found a mapping",
                        "args[0]: expected a string, found a list"),
                errors.stream().map(e -> e.path() + ": " + e.message()).toList());
    }

    @Test
    void unknownVolumeTypeIsAnErrorNamingTheChoices() {
        SpecProblem p = onlyError("volumes:\n  - invalid-type:\n      foo: bar\n");
        assertEquals("volumes[0].invalid-type", p.path());
        assertEquals(2, p.line());
        assertEquals(5, p.column());
        assertEquals("unknown volume type; expected one of ebs, s3, ssm, secrets-manager, template", p.message());
    }

    @Test
    void itemWithTwoKindsIsAnError() {
        SpecProblem p = onlyError("""
                env-from:
                  - imds: {name: A, path: instance-id}
                    ssm: {path: /p}
                """);
        assertEquals("env-from[0]", p.path());
        assertEquals("an item must have exactly one env-from source, found imds and ssm", p.message());
    }

    @Test
    void unknownKeysInsideObjectsAreWarningsNotErrors() throws SpecException {
        UserDataReader.Parsed parsed = UserDataReader.parse("""
                foo: 1
                volumes:
                  - s3:
                      bucket: b
                      key_prefix: typo/
                      mount: {destination: /c}
                """, "ud.yaml");
        assertEquals(
                List.of(
                        "ud.yaml:1:1: warning: foo: unknown key ignored",
                        "ud.yaml:5:7: warning: volumes[0].s3.key_prefix: unknown key ignored"),
                parsed.warnings().stream().map(SpecProblem::format).toList());
        assertEquals("", ((Volume.S3) parsed.userData().volumes().getFirst()).keyPrefix());
    }

    @Test
    void duplicateKeysAreErrors() {
        SpecProblem p = onlyError("debug: true\ndebug: false\n");
        assertEquals("debug", p.path());
        assertEquals(2, p.line());
        assertTrue(p.message().startsWith("duplicate key"), p.message());
    }

    @Test
    void malformedYamlReportsLineAndColumn() throws Exception {
        String invalid = java.nio.file.Files.readString(
                dev.easyto.init.TestImage.SCENARIOS.resolve("invalid-userdata/user-data.yaml"));
        SpecProblem p = onlyError(invalid);
        assertEquals("", p.path());
        assertTrue(p.message().startsWith("invalid YAML: "), p.message());
        assertEquals(3, p.line());
        assertEquals(12, p.column());
        assertEquals("invalid YAML: mapping values are not allowed here", p.message());
    }

    @Test
    void aTopLevelScalarOrListIsNotUserData() {
        assertEquals(
                "expected a mapping (user-data), found the string \"hello\"",
                onlyError("hello\n").message());
        assertEquals(
                "expected a mapping (user-data), found a list",
                onlyError("- a\n").message());
    }

    @Test
    void allErrorsOfADocumentAreReportedInDocumentOrder() {
        List<SpecProblem> errors = errors("""
                volumes:
                  - ebs: {device: "", mount: {destination: relative, fs-type: ext4}}
                  - nfs: {}
                sysctls:
                  - {name: ../../etc/passwd, value: x}
                modules: [ok_mod, "bad/mod"]
                init-scripts: ["echo no shebang"]
                env:
                  - {name: "A=B", value: x}
                """);
        assertEquals(
                List.of(
                        "volumes[0].ebs.device",
                        "volumes[0].ebs.mount.destination",
                        "volumes[1].nfs",
                        "sysctls[0].name",
                        "modules[1]",
                        "init-scripts[0]",
                        "env[0].name"),
                errors.stream().map(SpecProblem::path).toList());
    }

    @Test
    void aliasBombsAndDeepNestingAreRejectedNotFollowed() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 60; i++) {
            bomb.append("b").append(i).append(": [*a, *a, *a]\n");
        }
        assertTrue(onlyError(bomb.toString()).message().startsWith("invalid YAML"));
        String deep = "x: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertTrue(onlyError(deep).message().startsWith("invalid YAML"));
    }
}
