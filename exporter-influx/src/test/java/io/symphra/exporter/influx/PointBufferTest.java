package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PointBufferTest {

    @Test
    void keepsPointsInOrderAndHandsOutBatches() {
        PointBuffer buffer = new PointBuffer(10);
        buffer.addAll(List.of("a", "b", "c"));
        buffer.addAll(List.of("d"));

        assertThat(buffer.peek(2)).containsExactly("a", "b");
        buffer.removeFirst(2);
        assertThat(buffer.peek(5)).containsExactly("c", "d");
        assertThat(buffer.size()).isEqualTo(2);
    }

    @Test
    void dropsTheOldestBeyondTheLimitAndCountsThem() {
        PointBuffer buffer = new PointBuffer(4);
        assertThat(buffer.addAll(List.of("1", "2", "3"))).isZero();

        assertThat(buffer.addAll(List.of("4", "5", "6"))).isEqualTo(2);

        assertThat(buffer.peek(10)).containsExactly("3", "4", "5", "6");
        assertThat(buffer.droppedTotal()).isEqualTo(2);
    }

    @Test
    void aSnapshotLargerThanTheLimitKeepsItsNewestPoints() {
        PointBuffer buffer = new PointBuffer(2);
        buffer.addAll(List.of("old"));

        assertThat(buffer.addAll(List.of("1", "2", "3"))).isEqualTo(2);

        assertThat(buffer.peek(10)).containsExactly("2", "3");
        assertThat(buffer.droppedTotal()).isEqualTo(2);
    }
}
