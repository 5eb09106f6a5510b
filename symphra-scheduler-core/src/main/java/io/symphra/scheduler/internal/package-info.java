/** Helpers shared by the core's packages. Not API: anything here may change without notice. */
package io.symphra.scheduler.internal;
