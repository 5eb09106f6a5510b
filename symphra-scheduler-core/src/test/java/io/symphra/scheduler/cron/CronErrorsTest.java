package io.symphra.scheduler.cron;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of mistake gets an {@link IllegalArgumentException} naming the expression, the field and why. */
class CronErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            61 * * * *          | minute field '61': value 61 is out of range 0-59
            * 24 * * *          | hour field '24': value 24 is out of range 0-23
            0 0 0 * * *  *      | wrong number of fields: expected 5 (minute hour day-of-month month day-of-week) or 6 (second first), found 7
            * * * *             | wrong number of fields: expected 5 (minute hour day-of-month month day-of-week) or 6 (second first), found 4
            60 * * * * *        | second field '60': value 60 is out of range 0-59
            * * 0 * *           | day-of-month field '0': value 0 is out of range 1-31
            * * 32 * *          | day-of-month field '32': value 32 is out of range 1-31
            * * * 13 *          | month field '13': value 13 is out of range 1-12
            * * * * 8           | day-of-week field '8': value 8 is out of range 0-7
            * * * FOO *         | month field 'FOO': unknown name FOO (expected JAN-DEC or 1-12)
            * * * * FOO         | day-of-week field 'FOO': unknown name FOO (expected SUN-SAT or 0-7)
            * * * * MON-FOO     | day-of-week field 'MON-FOO': unknown name FOO (expected SUN-SAT or 0-7)
            MON * * * *         | minute field 'MON': 'MON' is not a number
            1,,2 * * * *        | minute field '1,,2': empty list item at position 2 in '1,,2'
            "1, * * * *"        | minute field '1,': empty list item at position 2 in '1,'
            */0 * * * *         | minute field '*/0': step must be at least 1, found 0
            5/x * * * *         | minute field '5/x': step 'x' is not a number
            5/ * * * *          | minute field '5/': missing step after '/'
            /5 * * * *          | minute field '/5': missing value before '/' in '/5'
            5-1 * * * *         | minute field '5-1': range start 5 is greater than range end 1 in '5-1' (ranges do not wrap around)
            -5 * * * *          | minute field '-5': missing range start in '-5'
            5- * * * *          | minute field '5-': missing value
            ? * * * *           | minute field '?': '?' is only allowed in day-of-month and day-of-week
            * * * * 1,?         | day-of-week field '1,?': '?' must be the whole field
            99999999999 * * * * | minute field '99999999999': value 99999999999 is out of range 0-59
            L * * * *           | minute field 'L': 'L' is only allowed in day-of-month and day-of-week
            1#2 * * * *         | minute field '1#2': '#' is only allowed in day-of-week
            * 5W * * *          | hour field '5W': 'W' is only allowed in day-of-month
            * * 5L * *          | day-of-month field '5L': 'L' must be written L, L-n or LW, found '5L'
            * * L-31 * *        | day-of-month field 'L-31': offset 31 in 'L-31' is out of range 0-30
            * * L-x * *         | day-of-month field 'L-x': offset in 'L-x' must be a number, e.g. L-3
            * * 1-5W * *        | day-of-month field '1-5W': 'W' needs a single day before it, e.g. 15W, found '1-5W'
            * * 32W * *         | day-of-month field '32W': value 32 is out of range 1-31
            * * 1#2 * *         | day-of-month field '1#2': '#' is only allowed in day-of-week, found '1#2'
            * * * * L           | day-of-week field 'L': 'L' in day-of-week needs a day before it, e.g. 5L (last Friday)
            * * * * 1-5L        | day-of-week field '1-5L': '1-5L' needs a single day before 'L' or '#', e.g. 5L or MON#2
            * * * * MON#6       | day-of-week field 'MON#6': ordinal 6 in 'MON#6' is out of range 1-5
            * * * * MON#0       | day-of-week field 'MON#0': ordinal 0 in 'MON#0' is out of range 1-5
            * * * * 5#          | day-of-week field '5#': ordinal in '5#' must be a number 1-5
            * * * * 15W         | day-of-week field '15W': 'W' is only allowed in day-of-month, found '15W'
            @foo                | unknown macro @foo (known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)
            """)
    void messageNamesExpressionFieldAndReason(String expression, String reason) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid cron expression \"" + expression + "\": " + reason);
    }

    @Test
    void emptyExpressionIsRejected() {
        assertThatThrownBy(() -> CronExpression.parse("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid cron expression \"  \": the expression is empty");
    }

    @Test
    void nullExpressionIsRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> CronExpression.parse(null))
                .withMessage("expression");
    }
}
