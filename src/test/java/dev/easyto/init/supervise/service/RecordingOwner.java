package dev.easyto.init.supervise.service;

import dev.easyto.init.fs.FileOwner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link FileOwner} that records who each path was given to instead of calling chown. */
final class RecordingOwner implements FileOwner {
    final Map<Path, List<Long>> owners = new LinkedHashMap<>();

    @Override
    public void chown(Path path, long uid, long gid) {
        owners.put(path, List.of(uid, gid));
    }
}
