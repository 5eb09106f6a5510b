package io.symphra.exporter.json;

import java.time.Duration;

/** Waits between two push attempts; tests replace it to see the waits without spending them. */
@FunctionalInterface
interface Pause {

    void pause(Duration duration) throws InterruptedException;
}
