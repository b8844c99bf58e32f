package dev.easyto.init.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upstream's renaming rule: each link gets its wanted name in turn; a link that already has that
 * name is first moved aside to {@code eth<N+1>}, N being the highest {@code ethN} in use.
 */
public final class InterfaceNames {
    private static final Pattern ETH = Pattern.compile("eth(\\d{1,9})");

    private InterfaceNames() {}

    /** One rename; the link goes down before it, as the kernel renames only links that are down. */
    public record Rename(int index, String from, String to) {}

    /**
     * The renames, in order, that give each link of {@code wanted} its name.
     *
     * @param current every link's name by index, not only the candidates': any may be in the way
     * @param wanted names by index, handled in this map's iteration order
     */
    public static List<Rename> plan(Map<Integer, String> current, Map<Integer, String> wanted) {
        Map<Integer, String> names = new LinkedHashMap<>(current);
        List<Rename> renames = new ArrayList<>();
        for (Map.Entry<Integer, String> entry : wanted.entrySet()) {
            int index = entry.getKey();
            String name = entry.getValue();
            String now = names.get(index);
            if (now == null) {
                throw new IllegalArgumentException("no link with index " + index);
            }
            if (now.equals(name)) {
                continue;
            }
            for (Map.Entry<Integer, String> other : names.entrySet()) {
                if (other.getKey() != index && other.getValue().equals(name)) {
                    String aside = "eth" + (highestEth(names) + 1);
                    renames.add(new Rename(other.getKey(), name, aside));
                    other.setValue(aside);
                    break;
                }
            }
            renames.add(new Rename(index, now, name));
            names.put(index, name);
        }
        return List.copyOf(renames);
    }

    private static long highestEth(Map<Integer, String> names) {
        long highest = -1;
        for (String name : names.values()) {
            Matcher matcher = ETH.matcher(name);
            if (matcher.matches()) {
                highest = Math.max(highest, Long.parseLong(matcher.group(1)));
            }
        }
        return highest;
    }
}
