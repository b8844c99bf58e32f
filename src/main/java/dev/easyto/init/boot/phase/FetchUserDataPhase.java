package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.NetworkUp;
import dev.easyto.init.boot.phase.PhaseOutputs.RawUserData;
import dev.easyto.init.log.Console;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/**
 * User data from IMDS. Only a 404 means "none"; any other failure stops the boot (the documented
 * behaviour), because booting the image defaults instead of what the user asked for can start
 * the wrong workload.
 */
@ApplicationScoped
public class FetchUserDataPhase implements Phase<RawUserData> {
    private static final PhaseInfo<RawUserData> INFO =
            PhaseInfo.of("fetch-user-data", RawUserData.class).after(NetworkUp.class);
    private final ImdsClient imds;

    public FetchUserDataPhase(ImdsClient imds) {
        this.imds = imds;
    }

    @Override
    public PhaseInfo<RawUserData> info() {
        return INFO;
    }

    @Override
    public RawUserData run(PhaseInputs inputs) throws BootFailure {
        Optional<byte[]> bytes;
        try {
            bytes = imds.userData();
        } catch (IOException e) {
            throw new BootFailure("unable to fetch user data: " + e.getMessage(), e);
        }
        if (bytes.isEmpty()) {
            Console.info("no user data");
        }
        return new RawUserData(bytes);
    }
}
