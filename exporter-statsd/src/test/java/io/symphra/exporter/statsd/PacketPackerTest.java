package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketPackerTest {

    @Test
    void fillsDatagramsUpToTheLimitInOrder() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("metric." + i + ":" + i + "|c");
        }

        PacketPacker.Packed packed = new PacketPacker(512).pack(lines);

        assertThat(packed.linesOversize()).isZero();
        assertThat(packed.packets())
                .allSatisfy(p ->
                        assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512));
        assertThat(String.join("\n", packed.packets()).split("\n")).containsExactlyElementsOf(lines);
        assertThat(packed.packets()).hasSize(3);
        assertThat(packed.packets().get(0).getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(480);
    }

    @Test
    void aLineOfExactlyTheLimitFitsAlone() {
        String line = "a".repeat(508) + ":1|c";

        PacketPacker.Packed packed = new PacketPacker(512).pack(List.of("b:1|c", line, "c:1|c"));

        assertThat(packed.packets()).containsExactly("b:1|c", line, "c:1|c");
    }

    @Test
    void limitCountsUtf8Bytes() {
        String line = "\u00FC".repeat(253) + ":1|c"; // 510 bytes but 257 chars

        PacketPacker.Packed packed = new PacketPacker(512).pack(List.of(line, "x:1|c", "y:1|c"));

        assertThat(packed.packets()).containsExactly(line, "x:1|c\ny:1|c");
    }

    @Test
    void anEntryTooLargeForOneDatagramIsLeftOutNotCut() {
        String huge = "h".repeat(600) + ":1|c";

        PacketPacker.Packed packed = new PacketPacker(512).pack(List.of("a:1|c", huge, "b:1|c"));

        assertThat(packed.packets()).containsExactly("a:1|c\nb:1|c");
        assertThat(packed.linesOversize()).isEqualTo(1);
        assertThat(packed.firstOversize()).isEqualTo(huge);
    }

    @Test
    void twoLineEntriesStayInOneDatagram() {
        String pair = "g:0|g\ng:-1|g";
        List<String> lines = new ArrayList<>();
        lines.add("x".repeat(500) + ":1|c");
        lines.add(pair);

        PacketPacker.Packed packed = new PacketPacker(512).pack(lines);

        assertThat(packed.packets()).containsExactly(lines.get(0), pair);
    }

    @Test
    void nothingToSendIsNoDatagram() {
        assertThat(new PacketPacker(512).pack(List.of()).packets()).isEmpty();
    }
}
