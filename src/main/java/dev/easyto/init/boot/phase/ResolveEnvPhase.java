package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Console;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.NetworkUp;
import dev.easyto.init.boot.phase.PhaseOutputs.ResolvedEnv;
import dev.easyto.init.spec.EnvFrom;
import dev.easyto.init.spec.Environment;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code env-from} sources in order, then the static {@code env} expanded against them. Only the
 * names of fetched variables are ever logged. The S3, SSM and Secrets Manager sources arrive with
 * the AWS clients; until then such an item fails the boot (or is skipped when optional) rather
 * than starting the workload without a variable it was promised.
 */
@ApplicationScoped
public class ResolveEnvPhase implements Phase<ResolvedEnv> {
    static final String FAILURE = "unable to resolve environment variables from external sources: ";

    private final ImdsClient imds;

    public ResolveEnvPhase(ImdsClient imds) {
        this.imds = imds;
    }

    @Override
    public String name() {
        return "resolve-env";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(VmSpec.class, NetworkUp.class);
    }

    @Override
    public Class<ResolvedEnv> produces() {
        return ResolvedEnv.class;
    }

    @Override
    public ResolvedEnv run(PhaseInputs inputs) throws BootFailure {
        VmSpec spec = inputs.get(VmSpec.class);
        List<NameValue> resolved = new ArrayList<>();
        for (EnvFrom source : spec.envFrom()) {
            try {
                resolved.addAll(resolve(source));
            } catch (IOException | UnsupportedOperationException e) {
                if (source.optional()) {
                    Console.warn("optional env-from source skipped: %s", e.getMessage());
                } else {
                    throw new BootFailure(FAILURE + e.getMessage(), e);
                }
            }
        }
        return new ResolvedEnv(Environment.finalEnv(spec.env(), resolved));
    }

    private List<NameValue> resolve(EnvFrom source) throws IOException {
        return switch (source) {
            case EnvFrom.Imds item -> {
                // Trimmed like upstream's current release: IMDS values may end in a newline.
                String value = imds.metadata(item.path()).strip();
                Console.info("resolved env %s from imds", item.name());
                yield List.of(new NameValue(item.name(), value));
            }
            case EnvFrom.S3 item -> throw unsupported("s3");
            case EnvFrom.Ssm item -> throw unsupported("ssm");
            case EnvFrom.SecretsManager item -> throw unsupported("secrets-manager");
        };
    }

    private static UnsupportedOperationException unsupported(String kind) {
        return new UnsupportedOperationException("env-from " + kind + " is not supported by this build yet");
    }
}
