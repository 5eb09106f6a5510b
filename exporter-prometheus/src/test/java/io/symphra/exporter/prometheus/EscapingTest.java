package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscapingTest {

    private static String encode(Escaping escaping, String text) {
        byte[] bytes = escaping.encode(text);
        assertThat(bytes).hasSize(escaping.encodedLength(text));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndLineFeedOnly() {
        assertThat(encode(Escaping.LABEL_VALUE, "a\\b\"c\nd\re\tf\u0000g")).isEqualTo("a\\\\b\\\"c\\nd\re\tf\u0000g");
    }

    @Test
    void textHelpKeepsQuotesButOpenMetricsHelpEscapesThem() {
        assertThat(encode(Escaping.TEXT_HELP, "say \"hi\"\\\n")).isEqualTo("say \"hi\"\\\\\\n");
        assertThat(encode(Escaping.OPENMETRICS_HELP, "say \"hi\"\\\n")).isEqualTo("say \\\"hi\\\"\\\\\\n");
    }

    @Test
    void encodesEveryPlaneAsUtf8() {
        String text = "Grüße \u05E9 \uD83D\uDE80 \u20AC";
        assertThat(Escaping.LABEL_VALUE.encode(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void replacesLoneSurrogatesWithTheReplacementCharacter() {
        assertThat(encode(Escaping.LABEL_VALUE, "a\uD83Db\uDE80")).isEqualTo("a\uFFFDb\uFFFD");
    }
}
