package io.symphra.exporter.prometheus.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code docs/} folder from the module the tests run in (Maven runs them in its basedir). */
final class RepositoryDocs {

    private RepositoryDocs() {}

    static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/prometheus/alerts.yml"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException(
                "no docs/prometheus/alerts.yml above " + Path.of("").toAbsolutePath());
    }
}
