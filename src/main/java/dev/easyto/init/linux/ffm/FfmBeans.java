package dev.easyto.init.linux.ffm;

import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.NvmeCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SocketCalls;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes each system-call family a bean, backed by {@link Ffm}. The backend is chosen when the
 * application is built: in JVM mode (the application, dev mode, the tests) it is this one; a native
 * executable ({@code quarkus.native.enabled}) gets the C-interface backend's {@code CifBeans}
 * instead, and with this class no bean nothing there reaches a downcall.
 */
@Singleton
@UnlessBuildProperty(name = "quarkus.native.enabled", stringValue = "true", enableIfMissing = true)
public class FfmBeans {

    @Produces
    @Singleton
    FileCalls fileCalls() {
        return Ffm.files();
    }

    @Produces
    @Singleton
    MountCalls mountCalls() {
        return Ffm.mounts();
    }

    @Produces
    @Singleton
    SignalCalls signalCalls() {
        return Ffm.signals();
    }

    @Produces
    @Singleton
    SocketCalls socketCalls() {
        return Ffm.sockets();
    }

    @Produces
    @Singleton
    ProcessCalls processCalls() {
        return Ffm.processes();
    }

    @Produces
    @Singleton
    MachineCalls machineCalls() {
        return Ffm.machine();
    }

    @Produces
    @Singleton
    NvmeCalls nvmeCalls() {
        return Ffm.nvme();
    }

    @Produces
    @Singleton
    BlockCalls blockCalls() {
        return Ffm.block();
    }
}
