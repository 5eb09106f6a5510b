package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import io.symphra.metrics.testkit.HostileNames;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameSanitizerTest {

    private final NameSanitizer path = NameSanitizer.pathSegment();
    private final NameSanitizer tag = NameSanitizer.tagValue();

    @Test
    void everyShortHostileNameHasAFixedSanitizedForm() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("plain", "plain");
        expected.put("with \"quotes\"", "with__quotes_");
        expected.put("back\\slash", "back_slash");
        expected.put("new\nline", "new_line");
        expected.put("carriage\rreturn", "carriage_return");
        expected.put("tab\there", "tab_here");
        expected.put("nul\u0000byte", "nul_byte");
        expected.put("equals=sign", "equals_sign");
        expected.put("comma,separated", "comma_separated");
        expected.put("colon:name", "colon_name");
        expected.put("pipe|name", "pipe_name");
        expected.put("hash#name", "hash_name");
        expected.put("at@name", "at_name");
        expected.put("space in name", "space_in_name");
        expected.put(" leading and trailing ", "_leading_and_trailing_");
        expected.put("emoji \uD83D\uDE80 rocket", "emoji___rocket");
        expected.put(
                "right-to-left \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
                "right-to-left_\u05E9\u05DC\u05D5\u05DD_\u0645\u0631\u062D\u0628\u0627");
        expected.put("Gr\u00FC\u00DFe aus K\u00F6ln", "Gr\u00FC\u00DFe_aus_K\u00F6ln");
        expected.put("dots.and-dashes_and/slashes", "dots_and-dashes_and_slashes");
        expected.put("{braces}[brackets]", "_braces__brackets_");

        assertThat(expected.keySet()).containsExactlyElementsOf(HostileNames.shortOnes());
        expected.forEach(
                (name, sanitized) -> assertThat(path.sanitize(name)).as(name).isEqualTo(sanitized));
    }

    @Test
    void tagValuesKeepDotsButNothingElseMore() {
        assertThat(tag.sanitize("dots.and-dashes_and/slashes")).isEqualTo("dots.and-dashes_and_slashes");
        assertThat(tag.sanitize("a,b=c:d|e@f#g h")).isEqualTo("a_b_c_d_e_f_g_h");
    }

    @Test
    void noSanitizedNameCanBreakALine() {
        for (String name : HostileNames.CORPUS) {
            for (NameSanitizer sanitizer : new NameSanitizer[] {path, tag}) {
                String s = sanitizer.sanitize(name);
                assertThat(s).isNotEmpty().doesNotContainPattern("[\\s:|@#,=\\u0000-\\u001f\\u007f]");
                assertThat(s.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(NameSanitizer.MAX_BYTES);
            }
            assertThat(path.sanitize(name)).doesNotContain(".");
        }
    }

    @Test
    void otherSeparatorsAndInvisibleCharactersAreReplaced() {
        assertThat(path.sanitize("a\u2028b\u00A0c\u200Fd\uFEFFe")).isEqualTo("a_b_c_d_e");
        assertThat(path.sanitize("lone\uD800surrogate")).isEqualTo("lone_surrogate");
        assertThat(path.sanitize("")).isEqualTo("_");
    }

    @Test
    void combiningMarksStayWithTheirLetter() {
        assertThat(path.sanitize("Ko\u0308ln")).isEqualTo("Ko\u0308ln");
    }

    @Test
    void longNamesAreCutWithAHashOfTheWholeName() {
        String tenKb = "x".repeat(10_240);
        String sanitized = path.sanitize(tenKb);

        assertThat(sanitized).hasSize(200).startsWith("x".repeat(191) + "_").matches("x{191}_[0-9a-f]{8}");
        assertThat(path.sanitize(tenKb)).isEqualTo(sanitized);
        assertThat(path.sanitize("x".repeat(10_239) + "y"))
                .isNotEqualTo(sanitized)
                .startsWith("x".repeat(191));
    }

    @Test
    void aNameOfExactlyTheLimitIsKeptWhole() {
        assertThat(path.sanitize("y".repeat(200))).isEqualTo("y".repeat(200));
        assertThat(path.sanitize("y".repeat(201))).matches("y{191}_[0-9a-f]{8}");
    }

    @Test
    void cutsCountUtf8BytesAndNeverSplitACharacter() {
        String name = "\u00FC".repeat(150); // 300 bytes
        String sanitized = path.sanitize(name);

        assertThat(sanitized.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(sanitized).matches("\u00FC{95}_[0-9a-f]{8}");
    }

    @Test
    void corpusNamesStayDistinct() {
        Set<String> seen = new HashSet<>();
        for (String name : HostileNames.CORPUS) {
            assertThat(seen.add(path.sanitize(name))).as(name).isTrue();
        }
    }
}
