package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.Parallel;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.NetworkUp;
import dev.easyto.init.boot.phase.PhaseOutputs.ResolvedEnv;
import dev.easyto.init.env.EnvResolver;
import dev.easyto.init.env.EnvSourceException;
import dev.easyto.init.spec.EnvFrom;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.SpecPipeline;
import dev.easyto.init.spec.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code env-from} sources (IMDS, S3, SSM, Secrets Manager), fetched side by side and applied in
 * the spec's order, then the static {@code env} expanded against them. Only the names of fetched variables are ever logged. An optional item
 * whose fetch or value fails is skipped with a warning; failing to get an AWS client at all stops
 * the boot even for an optional item, as upstream does.
 */
@ApplicationScoped
public class ResolveEnvPhase implements Phase<ResolvedEnv> {
    private static final PhaseInfo<ResolvedEnv> INFO = PhaseInfo.of("resolve-env", ResolvedEnv.class)
            .consumes(MergedSpec.class)
            .after(NetworkUp.class);
    static final String FAILURE = "unable to resolve environment variables from external sources: ";

    private final EnvResolver resolver;

    public ResolveEnvPhase(EnvResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public PhaseInfo<ResolvedEnv> info() {
        return INFO;
    }

    @Override
    public ResolvedEnv run(PhaseInputs inputs) throws BootFailure {
        VmSpec spec = inputs.get(MergedSpec.class).spec();
        List<NameValue> resolved = new ArrayList<>();
        List<EnvFrom> sources = spec.envFrom();
        // Fetched side by side, judged and applied here one by one in the spec's order.
        List<Parallel.Outcome<List<NameValue>>> outcomes = resolver.resolveAll(sources);
        for (int i = 0; i < sources.size(); i++) {
            EnvFrom source = sources.get(i);
            Parallel.Outcome<List<NameValue>> outcome = outcomes.get(i);
            OptionalSources.run(
                            source.optional(),
                            EnvSourceException.class,
                            outcome::replay,
                            e -> "optional env-from source skipped: " + e.getMessage(),
                            e -> FAILURE + e.getMessage())
                    .ifPresent(resolved::addAll);
        }
        return new ResolvedEnv(SpecPipeline.environment(spec, resolved), List.copyOf(resolved));
    }
}
