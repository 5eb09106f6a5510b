package io.symphra.exporter.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Lets at most {@code threads} scrapes be taken and rendered at once, however many connections the server has
 * threads for: a scrape of a large scheduler costs CPU and memory, a connection thread waiting for its head costs
 * neither. A scrape that waits for a permit until its request deadline interrupts it gets a 503.
 */
final class RenderPermits implements HttpHandler {

    private final Semaphore permits;
    private final HttpHandler handler;

    RenderPermits(int permits, HttpHandler handler) {
        this.permits = new Semaphore(permits, true);
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            // the request deadline passed while every renderer was busy; the connection itself is still fine
            HttpResponses.text(exchange, 503, "Busy: every metrics renderer is in use, try again\n");
            exchange.close();
            return;
        }
        try {
            handler.handle(exchange);
        } finally {
            permits.release();
        }
    }
}
