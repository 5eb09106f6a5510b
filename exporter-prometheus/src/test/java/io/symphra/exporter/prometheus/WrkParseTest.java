package io.symphra.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrkParseTest {

    @Test
    void readsRateLatencyAndErrorsFromWrksReport() {
        Wrk.Result result = Wrk.parse("""
                Running 1s test @ http://127.0.0.1:18765/
                  1 threads and 2 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     4.30ms    2.77ms  16.27ms   69.76%
                    Req/Sec   474.80    154.85   710.00     60.00%
                  Latency Distribution
                     50%  870.00us
                     75%    6.19ms
                     90%    8.00ms
                     99%    1.25s
                  474 requests in 1.00s, 3.18MB read
                  Socket errors: connect 1, read 2, write 3, timeout 4
                  Non-2xx or 3xx responses: 7
                Requests/sec:    473.04
                Transfer/sec:      3.17MB
                """);
        assertThat(result.requests()).isEqualTo(474);
        assertThat(result.elapsed()).isEqualTo("1.00s");
        assertThat(result.read()).isEqualTo("3.18MB");
        assertThat(result.requestsPerSecond()).isEqualTo(473.04);
        assertThat(result.p50Millis()).isEqualTo(0.87);
        assertThat(result.p75Millis()).isEqualTo(6.19);
        assertThat(result.p90Millis()).isEqualTo(8.0);
        assertThat(result.p99Millis()).isEqualTo(1250.0);
        assertThat(result.socketErrors()).isEqualTo(10);
        assertThat(result.non2xx()).isEqualTo(7);
    }

    @Test
    void aCleanRunHasNoErrorLinesAndCountsZero() {
        Wrk.Result result = Wrk.parse("""
                  Latency Distribution
                     50%    1.00ms
                     75%    2.00ms
                     90%    3.00ms
                     99%    4.00ms
                  10 requests in 30.01s, 1.00KB read
                Requests/sec:      0.33
                """);
        assertThat(result.socketErrors()).isZero();
        assertThat(result.non2xx()).isZero();
    }
}
