package io.symphra.examples.boot;

import io.symphra.scheduler.annotation.Cron;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes a report at the start of every minute; trigger it at once with POST /actuator/symphra/minute-report/trigger. */
@Component
public class MinuteReport {

    private static final Logger LOG = LoggerFactory.getLogger(MinuteReport.class);

    @Cron(value = "* * * * *", name = "minute-report")
    public void write() {
        LOG.info("Report written");
    }
}
