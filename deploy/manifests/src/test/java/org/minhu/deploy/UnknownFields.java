package org.minhu.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Fabric8 model keeps a field it does not know in {@code additionalProperties} instead of
 * refusing it; this walks a parsed resource and reports every such field with its path, so
 * {@code replcas: 2} is an error rather than a silently ignored line.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static void collect(Object value, String path, List<String> out) {
        collect(value, path, out, 0);
    }

    private static void collect(Object value, String path, List<String> out, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, path + "." + k, out, depth + 1));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collect(item, path + "[" + i++ + "]", out, depth + 1);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.getName();
            try {
                if (name.equals("getAdditionalProperties")) {
                    Map<?, ?> extra = (Map<?, ?>) m.invoke(value);
                    if (extra != null && !extra.isEmpty()) {
                        out.add(path + ": " + extra.keySet());
                    }
                } else if (name.startsWith("get") && name.length() > 3) {
                    collect(m.invoke(value), path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), out, depth + 1);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(path + "." + name, e);
            }
        }
    }
}
