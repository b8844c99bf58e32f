/**
 * Dev mode's rehearsal of the boot ({@code make dev}): the boot graph runs as it would on an
 * instance, but against a scratch root under {@code target/} and with system-call beans that say
 * what they would do instead of doing it. Every bean here exists only in the {@code dev} build
 * profile ({@code @IfBuildProfile("dev")}); a production build has none of them, and the only
 * selection of this package's main is {@code %dev.quarkus.package.main-class}.
 */
package dev.easyto.init.rehearsal;
