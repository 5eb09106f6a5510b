package io.symphra.scheduler.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Task-name patterns, each matching a whole name: {@code *} stands for any run of characters (none included), every
 * other character for itself. No pattern matches nothing.
 */
final class TaskNamePatterns {

    static final TaskNamePatterns NONE = new TaskNamePatterns(List.of(), null);

    private final List<String> patterns;
    private final Pattern regex;

    private TaskNamePatterns(List<String> patterns, Pattern regex) {
        this.patterns = patterns;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException for a null or empty pattern, naming its position */
    static TaskNamePatterns of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return NONE;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            if (pattern == null || pattern.isEmpty()) {
                throw new IllegalArgumentException("task-name pattern " + (i + 1) + " of " + patterns
                        + " is empty; expected a task name, * matching any characters");
            }
            if (i > 0) {
                regex.append('|');
            }
            String[] literals = pattern.split("\\*", -1);
            for (int l = 0; l < literals.length; l++) {
                if (l > 0) {
                    regex.append(".*");
                }
                if (!literals[l].isEmpty()) {
                    regex.append(Pattern.quote(literals[l]));
                }
            }
        }
        return new TaskNamePatterns(List.copyOf(patterns), Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean isEmpty() {
        return regex == null;
    }

    boolean matches(String taskName) {
        return regex != null && regex.matcher(taskName).matches();
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
