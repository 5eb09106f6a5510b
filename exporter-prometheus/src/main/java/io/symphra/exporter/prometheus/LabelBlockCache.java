package io.symphra.exporter.prometheus;

import java.util.Arrays;

/**
 * The label blocks of the last render, reused by the next one while its snapshot names the same series with the
 * very same {@code String} instances, as a scheduler's snapshots do for its tasks from one scrape to the next.
 * Comparing references reads no name's characters: building the blocks does, and for many tasks that walk over
 * strings spread across the heap costs more than the rest of the label work. Safe for concurrent renders: an
 * entry is immutable, and renders that miss at the same time each build their own and one of them is kept.
 */
final class LabelBlockCache {

    private record Entry(byte[] common, String[] values, LabelBlocks blocks) {}

    private final String labelName;
    private volatile Entry last;

    LabelBlockCache(String labelName) {
        this.labelName = labelName;
    }

    /**
     * The blocks for series whose label has the given values, as {@link LabelBlocks#of} builds them.
     *
     * @param values a fresh array the caller never changes afterwards: the cache may keep it
     */
    LabelBlocks blocks(byte[] common, String[] values) {
        Entry entry = last;
        if (entry != null && sameInstances(entry.values, values) && Arrays.equals(entry.common, common)) {
            return entry.blocks;
        }
        LabelBlocks blocks = LabelBlocks.of(common, labelName, values.length, i -> values[i]);
        last = new Entry(common.clone(), values, blocks);
        return blocks;
    }

    private static boolean sameInstances(String[] a, String[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
