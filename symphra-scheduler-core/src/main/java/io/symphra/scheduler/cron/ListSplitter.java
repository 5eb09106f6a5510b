package io.symphra.scheduler.cron;

import java.util.List;

/** Splits a field at commas, rejecting empty items such as in {@code 1,,2} or {@code 1,}. */
final class ListSplitter {

    private ListSplitter() {}

    static List<String> split(String field) {
        String[] items = field.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            if (items[i].isEmpty()) {
                throw new FieldSyntaxException("empty list item at position " + (i + 1) + " in '" + field + "'");
            }
        }
        return List.of(items);
    }
}
