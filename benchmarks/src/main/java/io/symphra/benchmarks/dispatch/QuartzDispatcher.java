package io.symphra.benchmarks.dispatch;

import io.symphra.benchmarks.Workload;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz with {@code RAMJobStore}, a {@code SimpleThreadPool} of {@link DispatchBenchmark#WORKERS} threads, and one
 * job with a repeat-forever {@code SimpleTrigger} per task. Everything else is Quartz's default (one trigger
 * acquired per scheduler-thread pass, a new job instance per fire, concurrent execution allowed).
 */
final class QuartzDispatcher implements Dispatcher {

    /** Quartz makes a new job instance per fire with a no-argument constructor, so the counter is static. */
    private static volatile LongAdder runs;

    private Scheduler scheduler;

    /** The no-op job. Public: Quartz instantiates it reflectively. */
    public static final class NoOpJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            runs.increment();
        }
    }

    @Override
    public void start(int tasks, LongAdder counter) throws SchedulerException {
        runs = counter;
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "symphra-bench-" + System.nanoTime());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(DispatchBenchmark.WORKERS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        long periodMillis = Math.max(1, DispatchBenchmark.PERIOD.toMillis()); // Quartz's finest interval
        for (int i = 0; i < tasks; i++) {
            String name = Workload.taskName(i);
            JobDetail job = JobBuilder.newJob(NoOpJob.class).withIdentity(name).build();
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(name)
                    .startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(periodMillis)
                            .repeatForever())
                    .build();
            scheduler.scheduleJob(job, trigger);
        }
        scheduler.start();
    }

    /**
     * Stops Quartz without waiting for its jobs (no-op jobs, over at once): {@code shutdown(true)} can wait forever
     * in {@code SimpleThreadPool.shutdown} for a worker it still counts busy after every Quartz thread has ended,
     * which hung this class's test once in a full build.
     */
    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(false);
    }
}
