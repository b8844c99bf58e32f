package dev.easyto.init.volume;

import dev.easyto.init.fs.UnsafePathException;
import dev.easyto.init.log.Failures;
import dev.easyto.init.spec.Expansion;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template volume (upstream's Zig release): {@code content} rendered as Mustache with {@code
 * variables}, whose string values first get {@code $(VAR)} expansion against the command's final
 * environment, written to {@code destination}. Null or empty variables write the content as it is.
 * Failures are reported by upstream's error names ({@code UnexpectedEof}, {@code
 * NonStringMappingKey}, {@code AccessDenied}) first, since that is what people and tests look for.
 */
final class TemplateVolume {
    static final String DEFAULT_MODE = Volume.Template.DEFAULT_MODE;

    private TemplateVolume() {}

    static byte[] render(Volume.Template volume, List<NameValue> env) throws VolumeException {
        Object variables = volume.variables();
        String content = volume.content() == null ? "" : volume.content();
        if (variables == null || (variables instanceof Map<?, ?> empty && empty.isEmpty())) {
            return content.getBytes(StandardCharsets.UTF_8);
        }
        if (!(variables instanceof Map<?, ?> map)) {
            throw new VolumeException("InvalidVariableMapping: variables must be a mapping");
        }
        Map<String, String> lookup = new HashMap<>();
        for (NameValue variable : env) {
            lookup.put(variable.name(), variable.value());
        }
        Map<?, ?> context = (Map<?, ?>) expand(map, lookup);
        try {
            return Mustache.render(content, context).getBytes(StandardCharsets.UTF_8);
        } catch (Mustache.TemplateException e) {
            throw new VolumeException(e.getMessage(), e);
        }
    }

    /** Copies plain YAML data with {@code $(VAR)} expanded in every string value; keys must be strings. */
    private static Object expand(Object value, Map<String, String> env) throws VolumeException {
        if (value instanceof String text) {
            return Expansion.expand(text, env::get);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(expand(item, env));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new VolumeException(
                            "NonStringMappingKey: variables key " + entry.getKey() + " is not a string");
                }
                copy.put(key, expand(entry.getValue(), env));
            }
            return copy;
        }
        return value;
    }

    /**
     * {@code mount.mode} ("0640"), else 0644; only permission bits, as an octal string. The merge
     * fills the mode (0600 where the variables can carry a fetched value), so the fallback is for a
     * volume that did not go through it.
     */
    static Set<PosixFilePermission> mode(String mode) throws VolumeException {
        String text = mode == null ? DEFAULT_MODE : mode.strip();
        if (!text.matches("0?[0-7]{3}")) {
            throw new VolumeException(
                    "InvalidMode: mode must be octal permission bits such as \"0644\", got \"" + text + "\"");
        }
        int bits = Integer.parseInt(text, 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                permissions.add(order[i]);
            }
        }
        return permissions;
    }

    /** Upstream's name for a failed write, then the JDK's detail. */
    static VolumeException writeFailure(Path file, IOException e) {
        String name;
        if (e instanceof AccessDeniedException) {
            name = "AccessDenied";
        } else if (e instanceof NoSuchFileException) {
            name = "FileNotFound";
        } else if (e instanceof NotDirectoryException) {
            name = "NotDir";
        } else if (e instanceof UnsafePathException) {
            // Zig's name for the ELOOP its openat gives a link it was told not to follow.
            name = "SymLinkLoop";
        } else if (e instanceof FileSystemException fs
                && fs.getReason() != null
                && fs.getReason().contains("Read-only")) {
            name = "ReadOnlyFileSystem";
        } else {
            name = "Unexpected";
        }
        return new VolumeException(name + ": unable to write " + file + ": " + Failures.describe(e), e);
    }
}
