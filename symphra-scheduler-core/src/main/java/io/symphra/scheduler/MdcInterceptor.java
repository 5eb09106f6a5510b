package io.symphra.scheduler;

import org.slf4j.MDC;

/**
 * The scheduler's own interceptor: puts the {@link TaskMdc} keys into the SLF4J MDC around each attempt and gives
 * the worker its earlier values back after. A worker thread of the scheduler's usually has none of them, so that
 * case restores through one shared scope and allocates none; only the values' texts are made per attempt (the
 * planned time's by {@link PlannedText}).
 */
final class MdcInterceptor implements RunInterceptor {

    /** Attempt numbers' texts, made once: most attempts are the first few. */
    private static final String[] ATTEMPTS = new String[16];

    static {
        for (int i = 0; i < ATTEMPTS.length; i++) {
            ATTEMPTS[i] = Integer.toString(i);
        }
    }

    /** The scope of a thread that had none of the keys: removes them all. */
    private static final AttemptScope REMOVE = new AttemptScope() {
        @Override
        public void exit() {
            MDC.remove(TaskMdc.TASK);
            MDC.remove(TaskMdc.PLANNED);
            MDC.remove(TaskMdc.ATTEMPT);
            MDC.remove(TaskMdc.RUN);
        }
    };

    private final PlannedText planned = new PlannedText();

    @Override
    public AttemptScope enter(Attempt attempt) {
        String task = MDC.get(TaskMdc.TASK);
        String plannedBefore = MDC.get(TaskMdc.PLANNED);
        String number = MDC.get(TaskMdc.ATTEMPT);
        String run = MDC.get(TaskMdc.RUN);
        MDC.put(TaskMdc.TASK, attempt.taskName());
        MDC.put(TaskMdc.PLANNED, this.planned.of(attempt.plannedEpochNanos()));
        MDC.put(TaskMdc.ATTEMPT, text(attempt.number()));
        MDC.put(TaskMdc.RUN, Long.toString(attempt.runId()));
        if (task == null && plannedBefore == null && number == null && run == null) {
            return REMOVE;
        }
        return new Restore(task, plannedBefore, number, run);
    }

    private static String text(int attempt) {
        return attempt < ATTEMPTS.length ? ATTEMPTS[attempt] : Integer.toString(attempt);
    }

    /** The values a thread had before the attempt, put back after it ({@code null}: the key is removed). */
    private record Restore(String task, String planned, String attempt, String run) implements AttemptScope {
        @Override
        public void exit() {
            restore(TaskMdc.TASK, task);
            restore(TaskMdc.PLANNED, planned);
            restore(TaskMdc.ATTEMPT, attempt);
            restore(TaskMdc.RUN, run);
        }

        private static void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
