package io.symphra.exporter.prometheus;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The first filter of every context. The JDK server runs the filters once it has read the request head, so this
 * is where the exchange's deadline moves from the header timeout to the request timeout.
 */
final class HeadReadFilter extends Filter {

    private final DeadlineExecutor deadlines;

    HeadReadFilter(DeadlineExecutor deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        deadlines.headRead();
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "moves the exchange's deadline from the header timeout to the request timeout";
    }
}
