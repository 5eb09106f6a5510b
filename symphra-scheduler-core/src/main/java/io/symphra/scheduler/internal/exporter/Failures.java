package io.symphra.scheduler.internal.exporter;

/** Which of an exporter's failures the runtime may not swallow. */
final class Failures {

    private Failures() {}

    /**
     * Rethrows a {@link VirtualMachineError} other than {@link StackOverflowError} (out of memory, an internal
     * error): the JVM may be unable to go on, so it propagates once counted and logged. A stack overflow has
     * unwound by the time it is caught and is as harmless as any exception.
     */
    static void rethrowIfFatal(Throwable error) {
        if (error instanceof VirtualMachineError fatal && !(error instanceof StackOverflowError)) {
            throw fatal;
        }
    }
}
