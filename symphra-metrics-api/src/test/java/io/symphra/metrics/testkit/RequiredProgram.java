package io.symphra.metrics.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real programs the integration tests start (promtool, Prometheus, VictoriaMetrics, wrk, node). A test that
 * needs one and does not find it fails with a message naming the program and the command that installs it, never
 * with a stack trace about a missing file, and never by skipping: a test that does not run proves nothing.
 */
public final class RequiredProgram {

    /** The command, from the repository root, that installs every program the tests need, then runs them. */
    public static final String INSTALL_COMMAND = "./scripts/test.sh";

    private RequiredProgram() {}

    /**
     * The path of {@code name} on the {@code PATH}.
     *
     * @param providedBy what installs it, for the message: "the Debian package prometheus"
     * @throws AssertionError when it is not there
     */
    public static String require(String name, String providedBy) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw missing(name + " is not on the PATH", providedBy);
    }

    /** The failure for a program that is missing, saying what installs it and how to run the tests with it. */
    public static AssertionError missing(String what, String providedBy) {
        return new AssertionError(what + ": the integration tests run the real program, which comes with "
                + providedBy + ". Install everything the tests need, and run them, with " + INSTALL_COMMAND
                + " from the repository root.");
    }
}
