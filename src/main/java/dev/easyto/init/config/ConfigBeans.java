package dev.easyto.init.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The layout as a bean, derived from the configured home directory. */
@Singleton
public class ConfigBeans {

    @Produces
    @Singleton
    Layout layout(InitConfig config) {
        return new Layout(config.home());
    }
}
