package org.minhu.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark's command line: {@code --name value} options with their defaults and {@code --flag}s
 * without a value. Anything else fails with the usage line.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Options() {
    }

    /** {@code defaults} names every option with a value (without its dashes); {@code flagNames} the flags. */
    static Options parse(String[] args, String usage, Map<String, ?> defaults, Set<String> flagNames) {
        Options options = new Options();
        defaults.forEach((name, value) -> options.values.put(name, String.valueOf(value)));
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (flagNames.contains(name)) {
                options.flags.add(name);
            } else if (defaults.containsKey(name) && i + 1 < args.length) {
                options.values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(usage);
            }
        }
        return options;
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
