package io.symphra.exporter.statsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DogStatsD metric line, read strictly by the grammar of Datadog's "Datagram Format and Shell Usage" page, written
 * here independently of the exporter (no DogStatsD server can be installed from the registries this project uses):
 *
 * <pre>
 * line    = name ":" value "|" type [ "|@" rate ] [ "|#" tag *( "," tag ) ] [ "|c:" container ] [ "|T" unix ]
 * name    = ASCII letter *( ASCII letter / digit / "_" / "." ), at most 200 characters
 * type    = "c" / "g" / "ms" / "h" / "s" / "d"
 * tag     = letter *( letter / digit / "_" / "-" / ":" / "." / "/" ), at most 200 characters; Unicode letters
 *           allowed; the first ":" splits key and value
 * </pre>
 *
 * Anything else (an unknown section, an empty tag, a character the page does not list) is refused.
 */
record DogStatsdLine(String name, String value, String type, Map<String, String> tags) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,199}");
    private static final Pattern VALUE = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Set<String> TYPES = Set.of("c", "g", "ms", "h", "s", "d");
    private static final Pattern TAG = Pattern.compile("\\p{L}[\\p{L}\\p{N}\\p{M}_\\-:./]*");

    static DogStatsdLine parse(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("no ':' in: " + line);
        }
        String name = line.substring(0, colon);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "' in: " + line);
        }
        String[] sections = line.substring(colon + 1).split("\\|", -1);
        if (sections.length < 2 || !VALUE.matcher(sections[0]).matches() || !TYPES.contains(sections[1])) {
            throw new IllegalArgumentException("bad value or type in: " + line);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        List<Character> seen = new ArrayList<>();
        for (int i = 2; i < sections.length; i++) {
            String section = sections[i];
            if (section.isEmpty() || "@#cT".indexOf(section.charAt(0)) < 0 || seen.contains(section.charAt(0))) {
                throw new IllegalArgumentException("bad section '" + section + "' in: " + line);
            }
            seen.add(section.charAt(0));
            if (section.charAt(0) == '#') {
                for (String tag : section.substring(1).split(",", -1)) {
                    Matcher m = TAG.matcher(tag);
                    if (!m.matches() || tag.codePointCount(0, tag.length()) > 200) {
                        throw new IllegalArgumentException("bad tag '" + tag + "' in: " + line);
                    }
                    int split = tag.indexOf(':');
                    String key = split < 0 ? tag : tag.substring(0, split);
                    if (tags.put(key, split < 0 ? "" : tag.substring(split + 1)) != null) {
                        throw new IllegalArgumentException("tag '" + key + "' twice in: " + line);
                    }
                }
            }
        }
        return new DogStatsdLine(name, sections[0], sections[1], tags);
    }
}
