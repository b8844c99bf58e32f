package dev.easyto.init.spec;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An environment variable or a sysctl. */
@RegisterForReflection
public record NameValue(String name, String value) {}
