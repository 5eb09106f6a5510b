package io.symphra.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlRedactionTest {

    @Test
    void aRejectedUrlNeverShowsItsPasswordButNamesTheKey() {
        for (String bad : new String[] {
            "http://admin:hunter2@127.0.0.1:99999/ingest",
            "http://admin:hunter2@bad host/ingest",
            "http://admin:hun/ter2@127.0.0.1:99999/",
            "ftp://admin:hunter2@127.0.0.1/",
            "http://admin:hunter2@/no-host",
        }) {
            ExporterConfig config = ExporterConfig.of("json", Map.of("push.url", bad));
            assertThatThrownBy(() -> config.httpUrl("push.url"))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("symphra.exporter.json.push.url")
                    .hasMessageContaining("******@")
                    .hasMessageNotContaining("hunter2")
                    .hasMessageNotContaining("ter2");
        }
    }

    @Test
    void masksTheUserInfoOfEveryUrlInAText() {
        assertThat(UrlRedaction.maskUserInfo("to http://a:b@h:1/p and https://c:d@e@f/?q=1 failed"))
                .isEqualTo("to http://******@h:1/p and https://******@f/?q=1 failed");
        assertThat(UrlRedaction.maskUserInfo("no url here, mail@example.com"))
                .isEqualTo("no url here, mail@example.com");
        assertThat(UrlRedaction.maskUserInfo("http://host/path")).isEqualTo("http://host/path");
        assertThat(UrlRedaction.maskUserInfo(null)).isNull();
    }

    @Test
    void aUrlForLogsKeepsSchemeHostPortAndPathOnly() {
        assertThat(UrlRedaction.forLogs(URI.create("https://u:p@example.test:8443/v1/metrics?token=t#frag")))
                .isEqualTo("https://example.test:8443/v1/metrics");
        assertThat(UrlRedaction.forLogs(URI.create("http://127.0.0.1"))).isEqualTo("http://127.0.0.1");
    }

    @Test
    void anExceptionBuiltByHandMasksAUrlInItsValue() {
        assertThat(new InvalidConfigException("k", "http://admin:hunter2@h/", "env", "bad").getMessage())
                .isEqualTo("k = 'http://******@h/' (from env): bad");
    }
}
