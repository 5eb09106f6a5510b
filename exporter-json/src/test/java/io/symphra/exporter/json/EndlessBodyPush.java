package io.symphra.exporter.json;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.testkit.SmallHeap;
import java.time.Clock;
import java.util.Map;
import org.slf4j.helpers.NOPLogger;

/** One real push to the URL in {@code args[0]}, run by {@link HttpPushSinkTest} in a JVM with a small heap. */
final class EndlessBodyPush {

    private EndlessBodyPush() {}

    public static void main(String[] args) {
        ExporterConfig config =
                ExporterConfig.of("json", Map.of("push.url", args[0], "max-attempts", "1", "timeout", "30s"));
        JsonExporterSettings.PushSettings settings =
                JsonExporterSettings.read(config).push().orElseThrow();
        SmallHeap.measure("delivered", () -> {
            try (HttpPushSink sink = HttpPushSink.create(settings, Clock.systemUTC(), NOPLogger.NOP_LOGGER)) {
                sink.accept(new byte[] {'{', '}'});
                return "delivered";
            }
        });
    }
}
