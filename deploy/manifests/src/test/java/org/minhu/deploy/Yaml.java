package org.minhu.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Plain YAML documents (kustomization, Compose) as maps; SnakeYAML resolves Compose's anchors and merge keys. */
final class Yaml {

    private Yaml() {
    }

    static Map<String, Object> map(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }
}
