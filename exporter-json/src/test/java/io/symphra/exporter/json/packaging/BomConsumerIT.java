package io.symphra.exporter.json.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's project that imports {@code io.symphra:symphra-bom}, names {@code symphra-scheduler-core} and
 * {@code symphra-exporter-json} without versions, and gets the JSON format and exporter by the dependency alone:
 * {@code scheduler.exporterNames()} is {@code [json]} and {@code exportMetrics("json")} renders the task it ran.
 *
 * <p><b>How the consumer is built.</b> The test writes the project into a temp folder and runs the real {@code mvn}
 * on it ({@code mvn -B -q test}: compile, then a test in the consumer that calls its main class on the class path
 * Maven resolved, and writes the output to a file this test reads). The consumer must see <em>this</em> module's
 * jar as just built, while the reactor's {@code install} (the README's {@code ./scripts/test.sh}) installs it only
 * after this integration-test phase, and {@code mvn -pl exporter-json verify} installs nothing. And it must never
 * write into the shared {@code ~/.m2}. So the consumer build gets:
 * <ul>
 *   <li>a local repository of its own in the temp folder ({@code -Dmaven.repo.local}), into which the test puts
 *       {@code target/symphra-exporter-json-<version>.jar} and this module's {@code pom.xml}, laid out as
 *       {@code mvn install} would;</li>
 *   <li>a settings file in which {@code ~/.m2/repository}, read as a {@code file://} repository, replaces Maven
 *       Central (and mirrors any other repository). Everything else, the BOM, the parent, metrics-api, core, Jackson,
 *       SLF4J and the Maven plugins, comes from there, so the build is offline in effect: no network
 *       repository is left to try. The Maven plugins it uses are the versions of
 *       the parent pom's {@code pluginManagement}, read from {@code ../pom.xml}, so whatever built this reactor
 *       has put them in {@code ~/.m2}.</li>
 * </ul>
 * The other Symphra modules come from {@code ~/.m2} as the reactor's {@code install} left them: in
 * {@code ./scripts/test.sh} they are installed before this module is built; run alone, the test uses the ones the
 * last install put there.
 */
class BomConsumerIT {

    private static final String RESOURCES = "/io/symphra/exporter/json/packaging/consumer/";
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path USER_REPOSITORY = Path.of(System.getProperty("user.home"), ".m2", "repository");

    @TempDir
    Path temp;

    @Test
    void theBomAndTheDependencyAloneGiveTheJsonFormatAndExporter() throws Exception {
        Properties built = builtArtifact();
        String version = built.getProperty("version");
        Path jar = MODULE.resolve("target/" + built.getProperty("artifactId") + "-" + version + ".jar");
        assertThat(jar).as("this module's jar, built by the package phase").isRegularFile();

        Path repository = temp.resolve("repository");
        Path installed = repository.resolve("io/symphra/symphra-exporter-json/" + version);
        Files.createDirectories(installed);
        Files.copy(jar, installed.resolve("symphra-exporter-json-" + version + ".jar"));
        Files.copy(MODULE.resolve("pom.xml"), installed.resolve("symphra-exporter-json-" + version + ".pom"));

        Path project = temp.resolve("consumer");
        writeProject(project, version);
        Path settings = temp.resolve("settings.xml");
        Files.writeString(settings, settings(), StandardCharsets.UTF_8);

        Path log = temp.resolve("mvn.log");
        Process mvn = new ProcessBuilder(
                        "mvn", "-B", "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + repository, "test")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!mvn.waitFor(5, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw new AssertionError("the consumer build did not finish within 5 minutes:\n" + Files.readString(log));
        }
        assertThat(mvn.exitValue())
                .as("consumer build:\n%s", Files.readString(log))
                .isZero();

        List<String> output = Files.readAllLines(project.resolve("target/consumer-output.txt"), StandardCharsets.UTF_8);
        assertThat(output).hasSize(3);
        assertThat(output.get(0)).isEqualTo("[json]");
        JsonNode document = new ObjectMapper().readTree(output.get(1));
        assertThat(document.path("schema_version").asInt()).isEqualTo(1);
        assertThat(document.path("total_executions").asLong()).isEqualTo(1);
        assertThat(document.path("successful_executions").asLong()).isEqualTo(1);
        assertThat(document.path("task_stats").path("hello").path("executions").asLong())
                .isEqualTo(1);
        assertThat(Path.of(URI.create(output.get(2))))
                .as("where the JSON format came from")
                .isEqualTo(installed.resolve("symphra-exporter-json-" + version + ".jar"));
        assertThat(Files.readString(log)).contains("hello from the consumer");
    }

    /** groupId, artifactId and version of this module, as the jar plugin recorded them. */
    private static Properties builtArtifact() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(MODULE.resolve("target/maven-archiver/pom.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private void writeProject(Path project, String version) throws IOException {
        Map<String, String> values = Map.of(
                "@SYMPHRA_VERSION@", version,
                "@SLF4J_VERSION@", versionOnClassPath("slf4j-simple"),
                "@JUNIT_VERSION@", versionOnClassPath("junit-jupiter-api"),
                "@RESOURCES_PLUGIN_VERSION@", parentPluginVersion("maven-resources-plugin"),
                "@COMPILER_PLUGIN_VERSION@", parentPluginVersion("maven-compiler-plugin"),
                "@SUREFIRE_PLUGIN_VERSION@", parentPluginVersion("maven-surefire-plugin"));
        String pom = resource("pom.xml.template");
        for (Map.Entry<String, String> value : values.entrySet()) {
            pom = pom.replace(value.getKey(), value.getValue());
        }
        assertThat(pom).doesNotContain("@");
        Files.createDirectories(project.resolve("src/main/java/com/example"));
        Files.createDirectories(project.resolve("src/test/java/com/example"));
        Files.writeString(project.resolve("pom.xml"), pom, StandardCharsets.UTF_8);
        Files.writeString(
                project.resolve("src/main/java/com/example/Main.java"),
                resource("Main.java.txt"),
                StandardCharsets.UTF_8);
        Files.writeString(
                project.resolve("src/test/java/com/example/MainTest.java"),
                resource("MainTest.java.txt"),
                StandardCharsets.UTF_8);
    }

    /**
     * {@code ~/.m2/repository} as the only repository: it replaces Maven Central (same id, so the super POM's
     * Central is gone), with snapshots on for the Symphra artifacts, and mirrors any other repository a POM
     * might declare.
     */
    private static String settings() {
        String url = USER_REPOSITORY.toUri().toString();
        String repository = """
                    <id>central</id>
                    <url>%s</url>
                    <releases><enabled>true</enabled></releases>
                    <snapshots><enabled>true</enabled></snapshots>
                """.formatted(url);
        return """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <mirrors>
                    <mirror>
                      <id>user-repository</id>
                      <mirrorOf>*,!central</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>user-repository</id>
                      <repositories><repository>
                %s      </repository></repositories>
                      <pluginRepositories><pluginRepository>
                %s      </pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>user-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(url, repository, repository);
    }

    /** The version of a jar on this test's own class path, from its file name: the build's own pinned version. */
    private static String versionOnClassPath(String artifactId) {
        Pattern jar =
                Pattern.compile(Pattern.quote(artifactId) + "-(\\d[^" + Pattern.quote(File.separator) + "]*)\\.jar$");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Matcher m = jar.matcher(entry);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException(artifactId + " is not on the test class path");
    }

    /** The version the parent pom's pluginManagement gives a plugin. */
    private static String parentPluginVersion(String artifactId) throws IOException {
        String parent = Files.readString(MODULE.resolveSibling("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile(
                        "<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)" + "</version>")
                .matcher(parent);
        if (!m.find()) {
            throw new IllegalStateException("the parent pom pins no version of " + artifactId);
        }
        return m.group(1);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BomConsumerIT.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
