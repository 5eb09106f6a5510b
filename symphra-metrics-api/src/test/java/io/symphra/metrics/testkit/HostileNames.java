package io.symphra.metrics.testkit;

import java.util.List;

/**
 * Task names that break naive renderers: every backend's tests feed these through their format and the real
 * consumer. A name may contain any character, so each backend must escape or sanitize it by its own rules.
 */
public final class HostileNames {

    private HostileNames() {}

    /** One name per kind of trouble, plus a 10 KB name. */
    public static final List<String> CORPUS = List.of(
            "plain",
            "with \"quotes\"",
            "back\\slash",
            "new\nline",
            "carriage\rreturn",
            "tab\there",
            "nul\u0000byte",
            "equals=sign",
            "comma,separated",
            "colon:name",
            "pipe|name",
            "hash#name",
            "at@name",
            "space in name",
            " leading and trailing ",
            "emoji \uD83D\uDE80 rocket",
            "right-to-left \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
            "Gr\u00FC\u00DFe aus K\u00F6ln",
            "dots.and-dashes_and/slashes",
            "{braces}[brackets]",
            "x".repeat(10_240));

    /** The corpus without the 10 KB name, for backends whose packets or lines have a hard size limit. */
    public static List<String> shortOnes() {
        return CORPUS.stream().filter(n -> n.length() < 1024).toList();
    }

    /**
     * A name as a strict UTF-8 consumer reads it back from a format that replaces a UTF-16 surrogate without its
     * partner by U+FFFD (JSON, Prometheus); every other character is kept. Written independently of the renderers,
     * as the tests' oracle.
     */
    public static String withLoneSurrogatesReplaced(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                sb.append(c).append(name.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
