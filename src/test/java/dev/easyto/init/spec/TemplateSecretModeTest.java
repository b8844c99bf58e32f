package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A template volume whose variables can receive a value fetched by env-from defaults to 0600, one
 * that cannot to 0644, and an explicit mode wins; decided at the merge, so plan shows it.
 */
class TemplateSecretModeTest {

    /** The mode the merge gives a template with {@code variables}, under {@code env} and {@code env-from}. */
    private static String mode(String envFrom, String env, String variables, String mode) throws SpecException {
        String userData = "env-from: " + envFrom + "\nenv: " + env + "\nvolumes:\n  - template:\n"
                + "      content: '{{x}}'\n      variables: " + variables + "\n      mount: {destination: /t"
                + (mode.isEmpty() ? "" : ", mode: \"" + mode + "\"") + "}\n";
        return SpecMergerTest.merge(userData).volumes().getFirst().mount().mode();
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource(delimiter = '|', textBlock = """
            []                                          | []                              | {x: '$(SECRET)'}       | ''     | 0644 | no env-from: $(SECRET) stays as written
            [{ssm: {path: /p, name: SECRET}}]           | []                              | {x: '$(SECRET)'}       | ''     | 0600 | a named ssm value
            [{imds: {path: instance-id, name: ID}}]     | []                              | {x: 'id $(ID)'}        | ''     | 0600 | an imds value is fetched too
            [{ssm: {path: /p, name: SECRET}}]           | []                              | {x: '$(OTHER)'}        | ''     | 0644 | a name env-from does not give
            [{ssm: {path: /p, name: SECRET}}]           | []                              | {x: '$$(SECRET)'}      | ''     | 0644 | an escaped reference
            [{ssm: {path: /p, name: SECRET}}]           | []                              | {x: plain}             | ''     | 0644 | no reference at all
            [{ssm: {path: /p, name: SECRET}}]           | []                              | {a: [{b: '$(SECRET)'}]} | ''    | 0600 | nested in lists and maps
            [{secrets-manager: {secret-id: s}}]         | []                              | {x: '$(ANY)'}          | ''     | 0600 | a JSON object gives names no spec knows
            [{s3: {bucket: b, key: k, name: SECRET}}]   | [{name: URL, value: 'u:$(SECRET)'}] | {x: '$(URL)'}      | ''     | 0600 | through a static variable
            [{s3: {bucket: b, key: k, name: SECRET}}]   | [{name: SECRET, value: s}, {name: URL, value: 'u:$(SECRET)'}] | {x: '$(URL)'} | '' | 0644 | a static value wins in static expansion
            [{s3: {bucket: b, key: k, name: SECRET}}]   | [{name: SECRET, value: s}]      | {x: '$(SECRET)'}       | ''     | 0600 | the fetched value wins in the final lookup
            [{ssm: {path: /p, name: SECRET}}]           | []                              | {x: '$(SECRET)'}       | 0640   | 0640 | an explicit mode wins
            [{ssm: {path: /p, name: SECRET}}]           | []                              | {}                     | ''     | 0644 | no variables: content is written as it is
            """)
    void defaultMode(String envFrom, String env, String variables, String mode, String expected, String why)
            throws SpecException {
        assertEquals(expected, mode(envFrom, env, variables, mode), why);
    }
}
