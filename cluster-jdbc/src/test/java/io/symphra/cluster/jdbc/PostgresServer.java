package io.symphra.cluster.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL 15 from the Debian package, run with pg_ctl. It refuses to run as root: as root the data directory
 * belongs to the {@code postgres} system user and every command runs as that user. Password (SCRAM) authentication
 * on loopback, so that a wrong password is refused as in production.
 */
final class PostgresServer extends DatabaseServer {
    private static final String BIN = "/usr/lib/postgresql/15/bin/";
    private final Path data;

    PostgresServer() {
        super("pg");
        this.data = dir.resolve("data");
    }

    @Override
    String url() {
        // The database that initdb creates; the test user is its owner. A query timeout makes pgjdbc send a cancel
        // and wait for it, 10 s by default: docs/cluster.md tells users to shorten it, as here.
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=5&cancelSignalTimeout=1";
    }

    @Override
    String setTimeZone(String offset) {
        return "SET TIME ZONE INTERVAL '" + offset + "' HOUR TO MINUTE";
    }

    @Override
    void launch() throws IOException {
        if (!Files.exists(data)) {
            initialize();
        }
        run(
                asPostgres(
                        binary(BIN + "pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-W",
                        "-o",
                        "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir
                                + " -c fsync=off -c max_connections=60",
                        "start"),
                dir.resolve("pg_ctl-start.log"),
                Duration.ofSeconds(30));
    }

    private void initialize() throws IOException {
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        if (asRoot()) {
            UserPrincipal postgres =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(passwordFile, postgres);
        }
        run(
                asPostgres(
                        binary(BIN + "initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        USER,
                        "--pwfile=" + passwordFile,
                        "--auth-local=trust",
                        "--auth-host=scram-sha-256",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync"),
                dir.resolve("initdb.log"),
                Duration.ofSeconds(60));
    }

    /** The postmaster (first line of postmaster.pid) and its backends. */
    @Override
    List<Long> pids() throws IOException {
        long postmaster = Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        return withDescendants(ProcessHandle.of(postmaster).orElseThrow());
    }

    @Override
    void halt() throws IOException {
        run(
                asPostgres(binary(BIN + "pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                dir.resolve("pg_ctl-stop.log"),
                Duration.ofSeconds(60));
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = command();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }
}
