package dev.easyto.init.spec;

import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds the top of the document, with {@code security} and the name-value lists, to {@link
 * UserData}, and checks what the schema's kinds alone cannot: names, and the {@code #!} of scripts.
 */
final class UserDataBinder {
    private static final Pattern SYSCTL_NAME = Pattern.compile("[A-Za-z0-9_-]+([./][A-Za-z0-9_-]+)*");
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final NodeValues values;
    private final ReadLog log;
    private final EnvFromBinder envFrom;
    private final VolumeBinder volumes;

    UserDataBinder(NodeValues values) {
        this.values = values;
        this.log = values.log();
        this.envFrom = new EnvFromBinder(log);
        this.volumes = new VolumeBinder(values);
    }

    UserData userData(Node root) {
        Mapping o = Mapping.of(root, "", UserDataSchema.USER_DATA, values);
        if (o == null) {
            return UserData.NONE;
        }
        // Problems at one line and column stay in the order they are found, and an alias can put
        // two keys' problems there, so the order of these reads is part of the output.
        List<String> initScripts = checked(o, "init-scripts", o.strings("init-scripts"), this::checkInitScript);
        List<String> modules = checked(o, "modules", o.strings("modules"), this::checkModule);
        List<NameValue> sysctls = checked(o, "sysctls", o.list("sysctls", this::nameValue), this::checkSysctl);
        return new UserData(
                o.strings("args"),
                o.strings("command"),
                o.bool("debug"),
                o.strings("disable-services"),
                checked(o, "env", o.list("env", this::nameValue), this::checkEnvName),
                o.list(
                        "env-from",
                        UnionItem.binder(UserDataSchema.ENV_FROM, "env-from source", values, envFrom::envFrom)),
                initScripts,
                modules,
                o.bool("replace-init"),
                orUnset(o.object("security", this::security)),
                o.uint64("shutdown-grace-period"),
                sysctls,
                o.list("volumes", UnionItem.binder(UserDataSchema.VOLUME, "volume type", values, volumes::volume)),
                o.string("working-dir"));
    }

    private static Security orUnset(Security security) {
        return security == null ? Security.UNSET : security;
    }

    private Security security(Node node, String path) {
        Mapping o = Mapping.of(node, path, UserDataSchema.SECURITY, values);
        if (o == null) {
            return null;
        }
        Boolean sshdEnable = o.object("sshd", (n, p) -> {
            Mapping sshd = Mapping.of(n, p, UserDataSchema.SSHD, values);
            return sshd == null ? null : sshd.bool("enable");
        });
        return new Security(o.bool("readonly-root-fs"), o.id("run-as-user-id"), o.id("run-as-group-id"), sshdEnable);
    }

    private NameValue nameValue(Node node, String path) {
        Mapping o = Mapping.of(node, path, UserDataSchema.NAME_VALUE, values);
        return o == null ? null : new NameValue(o.string("name"), o.string("value"));
    }

    /** A check of one list item that was read; {@code at} is the item's node, {@code path} its path. */
    @FunctionalInterface
    private interface ItemCheck<T> {
        void check(T item, Node at, String path);
    }

    private static <T> List<T> checked(Mapping o, String key, List<T> items, ItemCheck<T> check) {
        if (items == null) {
            return null;
        }
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            if (item != null) {
                check.check(item, o.itemNode(key, i), key + "[" + i + "]");
            }
        }
        return items;
    }

    private void checkEnvName(NameValue entry, Node at, String path) {
        if (entry.name() == null) {
            return;
        }
        if (entry.name().isEmpty()) {
            log.error(at, path + ".name", "must not be empty");
        } else if (entry.name().indexOf('=') >= 0 || entry.name().indexOf('\0') >= 0) {
            log.error(at, path + ".name", "must not contain '=' or NUL, got \"" + entry.name() + "\"");
        }
    }

    private void checkSysctl(NameValue entry, Node at, String path) {
        if (entry.name() != null && !SYSCTL_NAME.matcher(entry.name()).matches()) {
            log.error(at, path + ".name", "\"" + entry.name() + "\" is not a sysctl name such as net.ipv4.ip_forward");
        }
    }

    private void checkModule(String module, Node at, String path) {
        if (!MODULE_NAME.matcher(module).matches()) {
            log.error(at, path, "\"" + module + "\" is not a kernel module name");
        }
    }

    private void checkInitScript(String script, Node at, String path) {
        if (!script.startsWith("#!")) {
            log.error(
                    at,
                    path,
                    "must start with an interpreter line such as #!/bin/sh (the kernel executes it directly)");
        }
    }
}
