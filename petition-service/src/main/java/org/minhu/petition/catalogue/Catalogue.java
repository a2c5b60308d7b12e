package org.minhu.petition.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Categories and regions, read once from the database: they change only with a migration,
 * and intake looks them up on every request.
 */
@ApplicationScoped
public class Catalogue {

    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, Category> categories, Map<String, Region> regions) {
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(load().categories().get(code));
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(load().regions().get(code));
    }

    public List<Category> categories() {
        return List.copyOf(load().categories().values());
    }

    public List<Region> regions() {
        return List.copyOf(load().regions().values());
    }

    private Snapshot load() {
        Snapshot s = snapshot;
        if (s == null) {
            synchronized (this) {
                s = snapshot;
                if (s == null) {
                    s = read();
                    snapshot = s;
                }
            }
        }
        return s;
    }

    Snapshot read() {
        Map<String, Category> categories = new LinkedHashMap<>();
        Category.<Category>list("order by sortOrder").forEach(c -> categories.put(c.code, c));
        Map<String, Region> regions = new LinkedHashMap<>();
        Region.<Region>list("order by level, sortOrder").forEach(r -> regions.put(r.code, r));
        return new Snapshot(java.util.Collections.unmodifiableMap(categories),
                java.util.Collections.unmodifiableMap(regions));
    }
}
