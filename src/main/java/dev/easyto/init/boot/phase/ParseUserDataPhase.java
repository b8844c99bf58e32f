package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Console;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ParsedUserData;
import dev.easyto.init.boot.phase.PhaseOutputs.RawUserData;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.SpecProblem;
import dev.easyto.init.spec.UserData;
import dev.easyto.init.spec.UserDataReader;
import dev.easyto.init.spec.UserDataText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** User data to a spec; any error stops the boot, named the way upstream's tests expect. */
@ApplicationScoped
public class ParseUserDataPhase implements Phase<ParsedUserData> {
    static final String SOURCE = "user-data";

    @Override
    public String name() {
        return "parse-user-data";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(RawUserData.class);
    }

    @Override
    public Class<ParsedUserData> produces() {
        return ParsedUserData.class;
    }

    @Override
    public ParsedUserData run(PhaseInputs inputs) throws BootFailure {
        Optional<byte[]> raw = inputs.get(RawUserData.class).bytes();
        if (raw.isEmpty()) {
            return new ParsedUserData(UserData.NONE);
        }
        try {
            UserDataReader.Parsed parsed = UserDataReader.parse(UserDataText.decode(raw.get(), SOURCE), SOURCE);
            parsed.warnings().forEach(w -> Console.warn("%s", w.format()));
            return new ParsedUserData(parsed.userData());
        } catch (SpecException e) {
            boolean syntax = e.errors().stream().map(SpecProblem::message).anyMatch(m -> m.startsWith("invalid YAML"));
            throw new BootFailure(syntax ? "InvalidYaml" : "InvalidUserData", Problems.describe(e), e);
        }
    }
}
