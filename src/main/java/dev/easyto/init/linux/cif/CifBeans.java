package dev.easyto.init.linux.cif;

import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.NvmeCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SocketCalls;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes each system-call family a bean through GraalVM's C interface: only when the application is
 * built as a native executable ({@code quarkus.native.enabled}, which {@code -Dnative} sets), where
 * the FFM backend's {@code FfmBeans} is left out. In JVM mode this class is no bean and none of
 * this package is loaded: its {@code @CFunction} methods exist only in a native image.
 */
@Singleton
@IfBuildProperty(name = "quarkus.native.enabled", stringValue = "true")
public class CifBeans {

    @Produces
    @Singleton
    FileCalls fileCalls() {
        return new CifFiles();
    }

    @Produces
    @Singleton
    MountCalls mountCalls() {
        return new CifMounts();
    }

    @Produces
    @Singleton
    SignalCalls signalCalls() {
        return new CifSignals();
    }

    @Produces
    @Singleton
    SocketCalls socketCalls() {
        return new CifSockets();
    }

    @Produces
    @Singleton
    ProcessCalls processCalls() {
        return new CifProcesses();
    }

    @Produces
    @Singleton
    MachineCalls machineCalls() {
        return new CifMachine();
    }

    @Produces
    @Singleton
    NvmeCalls nvmeCalls() {
        return new CifNvme();
    }

    @Produces
    @Singleton
    BlockCalls blockCalls() {
        return new CifBlock();
    }
}
