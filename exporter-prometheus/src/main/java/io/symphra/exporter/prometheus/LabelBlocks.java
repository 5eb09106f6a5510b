package io.symphra.exporter.prometheus;

import java.util.function.IntFunction;

/**
 * The opening label text of each series of one kind, built once per render: {@code {<common>,task="<escaped>"}
 * without the closing brace, so that a sample is its name, this block, an optional extra label such as
 * {@code ,le="0.5"} and {@code "} "}. All blocks live in one byte array, so escaping and encoding a task name
 * happens once per render however many families carry it.
 */
final class LabelBlocks {

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
        int fixed = 1 + common.length + (common.length > 0 ? 1 : 0) + labelName.length() + 3;
        int[] offsets = new int[count + 1];
        int length = 0;
        for (int i = 0; i < count; i++) {
            offsets[i] = length;
            length += fixed + Escaping.LABEL_VALUE.encodedLength(valueAt.apply(i));
        }
        offsets[count] = length;
        byte[] text = new byte[length];
        for (int i = 0; i < count; i++) {
            int pos = offsets[i];
            text[pos++] = '{';
            System.arraycopy(common, 0, text, pos, common.length);
            pos += common.length;
            if (common.length > 0) {
                text[pos++] = ',';
            }
            for (int c = 0; c < labelName.length(); c++) {
                text[pos++] = (byte) labelName.charAt(c);
            }
            text[pos++] = '=';
            text[pos++] = '"';
            pos = Escaping.LABEL_VALUE.encode(valueAt.apply(i), text, pos);
            text[pos] = '"';
        }
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
