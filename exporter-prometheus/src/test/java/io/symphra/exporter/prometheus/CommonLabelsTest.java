package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CommonLabelsTest {

    private static String encode(Map<String, String> labels) {
        return new String(CommonLabels.encode(new TreeMap<>(labels)), StandardCharsets.UTF_8);
    }

    @Test
    void sanitizesNames() {
        assertThat(CommonLabels.sanitize("service")).isEqualTo("service");
        assertThat(CommonLabels.sanitize("service.name")).isEqualTo("service_name");
        assertThat(CommonLabels.sanitize("1st")).isEqualTo("_1st");
        assertThat(CommonLabels.sanitize("k\u00F6ln \uD83D\uDE80")).isEqualTo("k_ln__");
        assertThat(CommonLabels.sanitize("")).isEqualTo("_");
    }

    @Test
    void writesEscapedPairsInNameOrder() {
        assertThat(encode(Map.of("service", "api", "zone", "eu \"west\"")))
                .isEqualTo("service=\"api\",zone=\"eu \\\"west\\\"\"");
        assertThat(encode(Map.of())).isEmpty();
    }

    @Test
    void renamesLabelsThatClashWithTheExportersOwnOrWithEachOther() {
        assertThat(encode(Map.of("task", "x", "le", "y"))).isEqualTo("exported_le=\"y\",exported_task=\"x\"");
        assertThat(encode(Map.of("a.b", "1", "a_b", "2"))).isEqualTo("a_b=\"1\",exported_a_b=\"2\"");
        assertThat(encode(Map.of("__name__", "x"))).isEqualTo("exported___name__=\"x\"");
    }
}
