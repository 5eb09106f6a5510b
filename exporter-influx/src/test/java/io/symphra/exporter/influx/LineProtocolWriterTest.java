package io.symphra.exporter.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LineProtocolWriterTest {

    private final StringBuilder out = new StringBuilder();
    private final LineProtocolWriter writer = new LineProtocolWriter(out);

    @Test
    void writesMeasurementTagsTypedFieldsAndTimestamp() throws IOException {
        writer.measurement("m")
                .tag("host", "a")
                .field("count", 3L)
                .field("rate", 0.5)
                .field("name", "x")
                .end(42);

        assertThat(out).hasToString("m,host=a count=3i,rate=0.5,name=\"x\" 42\n");
    }

    @Test
    void measurementEscapesCommaSpaceAndBackslashButNotEquals() throws IOException {
        writer.measurement("a,b c=d\\e").field("f", 1L).end(0);

        assertThat(out).hasToString("a\\,b\\ c=d\\\\e f=1i 0\n");
    }

    @Test
    void tagKeysTagValuesAndFieldKeysEscapeCommaEqualsSpaceAndBackslash() throws IOException {
        writer.measurement("m").tag("k,=k k", "v,=v v\\").field("f,=f f", 1L).end(0);

        assertThat(out).hasToString("m,k\\,\\=k\\ k=v\\,\\=v\\ v\\\\ f\\,\\=f\\ f=1i 0\n");
        ParsedPoint p = ParsedPoint.parse(out.toString().trim());
        assertThat(p.tags()).containsExactly(org.assertj.core.api.Assertions.entry("k,=k k", "v,=v v\\"));
        assertThat(p.fields()).containsOnlyKeys("f,=f f");
    }

    @Test
    void newlineCarriageReturnAndTabBecomeTwoCharacterSequences() throws IOException {
        writer.measurement("m")
                .tag("task", "a\nb\rc\td")
                .field("s", "x\ny")
                .field("f", 1L)
                .end(0);

        assertThat(out).hasToString("m,task=a\\nb\\rc\\td s=\"x\\ny\",f=1i 0\n");
        assertThat(out.toString().indexOf('\n')).isEqualTo(out.length() - 1);
    }

    @Test
    void stringFieldsEscapeQuoteAndBackslashOnly() throws IOException {
        writer.measurement("m").field("s", "say \"hi\", a=b \\ end\\").end(0);

        assertThat(out).hasToString("m s=\"say \\\"hi\\\", a=b \\\\ end\\\\\" 0\n");
        assertThat(ParsedPoint.parse(out.toString().trim()).fields()).containsEntry("s", "say \"hi\", a=b \\ end\\");
    }

    @Test
    void emptyTagValuesAndKeysAreLeftOut() throws IOException {
        writer.measurement("m")
                .tag("a", "")
                .tag("", "b")
                .tag("c", "d")
                .field("f", 1L)
                .end(0);

        assertThat(out).hasToString("m,c=d f=1i 0\n");
    }

    @Test
    void floatsAreAlwaysPlainDecimalsThatStayFloats() {
        assertThat(LineProtocolWriter.floatText(1.0)).isEqualTo("1.0");
        assertThat(LineProtocolWriter.floatText(0.0)).isEqualTo("0.0");
        assertThat(LineProtocolWriter.floatText(0.25)).isEqualTo("0.25");
        assertThat(LineProtocolWriter.floatText(0.000005)).isEqualTo("0.0000050");
        assertThat(LineProtocolWriter.floatText(1.767225659E9)).isEqualTo("1767225659.0");
        assertThat(LineProtocolWriter.floatText(1.5E20)).isEqualTo("150000000000000000000.0");
        assertThat(LineProtocolWriter.floatText(-2.5E-7)).isEqualTo("-0.00000025");
    }

    @Test
    void nonFiniteFloatsAreLeftOut() throws IOException {
        writer.measurement("m")
                .field("n", Double.NaN)
                .field("i", Double.POSITIVE_INFINITY)
                .field("f", 1L)
                .end(0);

        assertThat(out).hasToString("m f=1i 0\n");
    }

    @Test
    void aPointWithoutFieldsIsAProgrammingError() throws IOException {
        writer.measurement("m").tag("a", "b");

        assertThatThrownBy(() -> writer.end(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tagsAfterFieldsAreAProgrammingError() throws IOException {
        writer.measurement("m").field("f", 1L);

        assertThatThrownBy(() -> writer.tag("a", "b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writesSeveralPointsInARow() throws IOException {
        writer.measurement("a").field("f", 1L).end(1);
        writer.measurement("b").field("f", 2.0).end(2);

        assertThat(out).hasToString("a f=1i 1\nb f=2.0 2\n");
    }
}
