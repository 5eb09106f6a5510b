package io.symphra.exporter.prometheus;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The opening label text of each series of one kind, built once per render: {@code {<common>,task="<escaped>"}
 * without the closing brace, so that a sample is its name, this block, an optional extra label such as
 * {@code ,le="0.5"} and {@code "} "}. All blocks live in one byte array, so escaping and encoding a task name
 * happens once per render however many families carry it.
 */
final class LabelBlocks {

    /** Room guessed per value before the first grows the array; a task name of 16 ASCII characters fits. */
    private static final int TYPICAL_VALUE_BYTES = 17;

    private final byte[] text;
    private final int[] offsets;

    private LabelBlocks(byte[] text, int[] offsets) {
        this.text = text;
        this.offsets = offsets;
    }

    /**
     * Blocks for {@code count} series whose label {@code labelName} has the values {@code valueAt(0..count-1)}.
     *
     * @param common the common labels' text without braces, possibly empty
     */
    static LabelBlocks of(byte[] common, String labelName, int count, IntFunction<String> valueAt) {
        byte[] head = new byte[1 + common.length + (common.length > 0 ? 1 : 0) + labelName.length() + 2];
        int h = 0;
        head[h++] = '{';
        System.arraycopy(common, 0, head, h, common.length);
        h += common.length;
        if (common.length > 0) {
            head[h++] = ',';
        }
        for (int c = 0; c < labelName.length(); c++) {
            head[h++] = (byte) labelName.charAt(c);
        }
        head[h++] = '=';
        head[h] = '"';
        int[] offsets = new int[count + 1];
        byte[] text = new byte[count * (head.length + TYPICAL_VALUE_BYTES)];
        int pos = 0;
        for (int i = 0; i < count; i++) {
            String value = valueAt.apply(i);
            int most = head.length + Escaping.LABEL_VALUE.maxEncodedLength(value) + 1;
            if (most > text.length - pos) { // one pass over each value: grow instead of measuring first
                text = Arrays.copyOf(text, Math.max(pos + most, text.length + (text.length >> 1)));
            }
            offsets[i] = pos;
            System.arraycopy(head, 0, text, pos, head.length);
            pos = Escaping.LABEL_VALUE.encode(value, text, pos + head.length);
            text[pos++] = '"';
        }
        offsets[count] = pos;
        return new LabelBlocks(text, offsets);
    }

    byte[] text() {
        return text;
    }

    int start(int series) {
        return offsets[series];
    }

    int length(int series) {
        return offsets[series + 1] - offsets[series];
    }
}
