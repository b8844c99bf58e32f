package dev.easyto.init.rehearsal;

import dev.easyto.init.fs.Root;
import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.NvmeCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SocketCalls;
import dev.easyto.init.linux.ffm.Ffm;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The dev profile's root and system calls, chosen over the machine's ({@code FileSystemBeans},
 * {@code FfmBeans}) as alternatives: every phase runs unchanged and each call it makes is done in
 * the scratch root or recorded. The real FFM calls back only what is harmless to the developer's
 * machine: files under the scratch root and the JVM's own pid.
 */
@Singleton
@Alternative
@Priority(1)
@IfBuildProfile("dev")
public class RehearsalBeans {

    @Produces
    @Singleton
    Root root(RehearsalConfig config) {
        return Root.at(Path.of(config.root()).toAbsolutePath());
    }

    @Produces
    @Singleton
    FileCalls fileCalls(RehearsalLog log) {
        return new RehearsedFiles(Ffm.files(), log);
    }

    @Produces
    @Singleton
    MountCalls mountCalls(RehearsalLog log) {
        return new RehearsedMounts(log);
    }

    @Produces
    @Singleton
    MachineCalls machineCalls(RehearsalLog log) {
        return new RehearsedMachine(log);
    }

    @Produces
    @Singleton
    ProcessCalls processCalls(RehearsalLog log) {
        return new RehearsedProcesses(Ffm.processes(), log);
    }

    @Produces
    @Singleton
    SignalCalls signalCalls(RehearsalLog log) {
        return new RehearsedSignals(log);
    }

    @Produces
    @Singleton
    SocketCalls socketCalls() {
        return new RehearsedSockets();
    }

    @Produces
    @Singleton
    NvmeCalls nvmeCalls() {
        return new RehearsedNvme();
    }

    @Produces
    @Singleton
    BlockCalls blockCalls(RehearsalLog log) {
        return new RehearsedBlock(log);
    }
}
