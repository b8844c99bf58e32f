package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ParsedUserData;
import dev.easyto.init.boot.phase.PhaseOutputs.RawUserData;
import dev.easyto.init.log.Console;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.SpecPipeline;
import dev.easyto.init.spec.SpecProblem;
import dev.easyto.init.spec.UserDataReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** User data to a spec; any error stops the boot, named the way upstream's tests expect. */
@ApplicationScoped
public class ParseUserDataPhase implements Phase<ParsedUserData> {
    private static final PhaseInfo<ParsedUserData> INFO =
            PhaseInfo.of("parse-user-data", ParsedUserData.class).consumes(RawUserData.class);
    static final String SOURCE = "user-data";

    @Override
    public PhaseInfo<ParsedUserData> info() {
        return INFO;
    }

    @Override
    public ParsedUserData run(PhaseInputs inputs) throws BootFailure {
        Optional<byte[]> raw = inputs.get(RawUserData.class).bytes();
        try {
            UserDataReader.Parsed parsed = SpecPipeline.parse(raw.orElse(null), SOURCE);
            parsed.warnings().forEach(w -> Console.warn("%s", w.format()));
            return new ParsedUserData(parsed);
        } catch (SpecException e) {
            boolean syntax = e.errors().stream().map(SpecProblem::message).anyMatch(m -> m.startsWith("invalid YAML"));
            throw new BootFailure(syntax ? "InvalidYaml" : "InvalidUserData", Problems.describe(e), e);
        }
    }
}
