package io.symphra.cluster.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MariaDB 10.11 from the Debian package {@code mariadb-server}: {@code mariadb-install-db} into the temporary folder,
 * then {@code mariadbd} in the foreground with no option file, its socket in that folder. An init file creates the
 * test database and a test user with a password at every start.
 */
final class MariaDbServer extends DatabaseServer {
    static final String DATABASE = "symphra";
    private final Path data;
    private Process server;

    MariaDbServer() {
        super("mariadb");
        this.data = dir.resolve("data");
    }

    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE + "?connectTimeout=5000";
    }

    @Override
    String setTimeZone(String offset) {
        return "SET time_zone = '" + offset + "'";
    }

    @Override
    void launch() throws IOException {
        if (!Files.exists(data)) {
            List<String> install = command(
                    binary("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db")
                            .toString(),
                    "--no-defaults",
                    "--datadir=" + data,
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db");
            if (asRoot()) {
                install.add("--user=root");
            }
            run(install, dir.resolve("install.log"), Duration.ofSeconds(120));
            Files.writeString(
                    dir.resolve("init.sql"),
                    String.join(
                            "\n",
                            "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";",
                            "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';",
                            "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'127.0.0.1';",
                            ""));
        }
        List<String> start = command(
                binary("/usr/sbin/mariadbd", "/usr/sbin/mysqld").toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--init-file=" + dir.resolve("init.sql"),
                "--innodb-buffer-pool-size=32M",
                "--max-connections=60",
                "--log-error=" + dir.resolve("error.log"));
        if (asRoot()) {
            start.add("--user=root");
        }
        server = new ProcessBuilder(start)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
    }

    @Override
    List<Long> pids() {
        return withDescendants(server.toHandle());
    }

    /** SIGTERM, which mariadbd answers with a clean shutdown; bounded, then killed. */
    @Override
    void halt() throws IOException {
        Process process = server;
        server = null;
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while stopping mariadbd", e);
        }
    }
}
