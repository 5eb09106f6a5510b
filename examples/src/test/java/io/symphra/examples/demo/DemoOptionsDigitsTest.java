package io.symphra.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo's numeric options take ASCII digits only, as the scheduler's configuration does. */
class DemoOptionsDigitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"٩٤٦٤", "９４６４", "+9464"})
    void aPortInOtherDigitsIsRejectedNamingTheFlag(String port) {
        assertThatThrownBy(() -> DemoOptions.parse("--port", port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port takes a whole number from 0 to 65535, got '" + port + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9464", "09464"})
    void asciiDigitsAreTaken(String port) {
        assertThat(DemoOptions.parse("--port", port).port()).isEqualTo(9464);
    }
}
