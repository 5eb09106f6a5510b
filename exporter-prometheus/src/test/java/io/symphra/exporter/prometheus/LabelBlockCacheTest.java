package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LabelBlockCacheTest {

    private static final byte[] SERVICE = "service=\"orders\"".getBytes(StandardCharsets.US_ASCII);

    private static String block(LabelBlocks blocks, int series) {
        return new String(blocks.text(), blocks.start(series), blocks.length(series), StandardCharsets.UTF_8);
    }

    @Test
    void reusesTheBlocksWhileTheSameNameInstancesAndCommonLabelsComeBack() {
        LabelBlockCache cache = new LabelBlockCache("task");
        String a = "a\"1";
        String b = "b";
        LabelBlocks first = cache.blocks(SERVICE, new String[] {a, b});

        assertThat(block(first, 0)).isEqualTo("{service=\"orders\",task=\"a\\\"1\"");
        assertThat(block(first, 1)).isEqualTo("{service=\"orders\",task=\"b\"");
        assertThat(cache.blocks(SERVICE.clone(), new String[] {a, b})).isSameAs(first);
    }

    @Test
    void rebuildsWhenANameTheCountOrTheCommonLabelsChange() {
        LabelBlockCache cache = new LabelBlockCache("task");
        String a = "a";
        LabelBlocks first = cache.blocks(SERVICE, new String[] {a, "b"});

        LabelBlocks renamed = cache.blocks(SERVICE, new String[] {a, "c"});
        assertThat(block(renamed, 1)).isEqualTo("{service=\"orders\",task=\"c\"");
        LabelBlocks fewer = cache.blocks(SERVICE, new String[] {a});
        assertThat(fewer.length(0)).isEqualTo(first.length(0));
        LabelBlocks relabelled = cache.blocks(new byte[0], new String[] {a});
        assertThat(block(relabelled, 0)).isEqualTo("{task=\"a\"");
    }
}
