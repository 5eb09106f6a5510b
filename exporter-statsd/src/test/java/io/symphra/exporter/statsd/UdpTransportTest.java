package io.symphra.exporter.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UdpTransportTest {

    @Test
    void knowsWhenTheLibrarysQueueHasDrained() throws Exception {
        try (UdpReceiver receiver = new UdpReceiver()) {
            UdpTransport transport = new UdpTransport("127.0.0.1", receiver.port(), Thread::new, System::nanoTime);
            try {
                assertThat(transport.connect()).isTrue();
                for (int i = 0; i < 200; i++) {
                    transport.send("m." + i + ":1|c");
                }

                await().atMost(Duration.ofSeconds(10)).until(() -> transport.queued() == 0);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> receiver.packets().size() == 200);
                assertThat(receiver.packets()).startsWith("m.0:1|c", "m.1:1|c").endsWith("m.199:1|c");
                assertThat(transport.errors()).isZero();
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void sendsUtf8() throws Exception {
        try (UdpReceiver receiver = new UdpReceiver()) {
            UdpTransport transport = new UdpTransport("localhost", receiver.port(), Thread::new, System::nanoTime);
            try {
                transport.connect();
                transport.send("a.Gr\u00FC\u00DFe.\u05E9\u05DC\u05D5\u05DD:1|c");

                await().atMost(Duration.ofSeconds(10))
                        .until(() -> receiver.packets().size() == 1);
                assertThat(receiver.packets()).containsExactly("a.Gr\u00FC\u00DFe.\u05E9\u05DC\u05D5\u05DD:1|c");
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void closingBeforeConnectingIsFine() {
        new UdpTransport("127.0.0.1", 9, Thread::new, System::nanoTime).close();
    }
}
