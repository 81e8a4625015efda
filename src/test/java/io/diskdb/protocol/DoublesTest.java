package io.diskdb.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Doubles.format must print exactly what Redis 7.0 prints with C's %.17g. The expected texts
 * were taken from a real redis-server 7.0 (ZADD z <input> m, then ZSCORE z m in RESP2) and,
 * for inputs ZADD cannot show (-0), from C's printf("%.17g").
 */
class DoublesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0                       | 0",
            "1                       | 1",
            "-1                      | -1",
            "0.1                     | 0.10000000000000001",
            "0.2                     | 0.20000000000000001",
            "0.3                     | 0.29999999999999999",
            "1.5                     | 1.5",
            "0.5                     | 0.5",
            "100                     | 100",
            "3.14159                 | 3.1415899999999999",
            "1234.5678               | 1234.5678",
            "33.3333333333           | 33.333333333299997",
            "1e-5                    | 1.0000000000000001e-05",
            "0.0001                  | 0.0001",
            "0.00001234              | 1.234e-05",
            "-2.5e-10                | -2.5000000000000002e-10",
            "-1.5e-7                 | -1.4999999999999999e-07",
            "1e-300                  | 1e-300",
            "123456789012345678      | 1.2345678901234568e+17",
            "12345678901234567       | 12345678901234568",
            "9007199254740993        | 9007199254740992",
            "1e15                    | 1000000000000000",
            "1e16                    | 10000000000000000",
            "9.99e16                 | 99900000000000000",
            "1e17                    | 1e+17",
            "1e21                    | 1e+21",
            "1e100                   | 1e+100",
            "9223372036854775808     | 9.2233720368547758e+18",
            "1.7976931348623157e308  | 1.7976931348623157e+308",
            "4.9e-324                | 4.9406564584124654e-324",
            "2.2250738585072014e-308 | 2.2250738585072014e-308",
            "-0.0                    | -0",
            "Infinity                | inf",
            "-Infinity               | -inf",
    })
    void formatsLikeRedis(String input, String expected) {
        assertEquals(expected, Doubles.format(Double.parseDouble(input)));
    }

    @Test
    void formatsArithmeticResultsWithAllSeventeenDigits() {
        assertEquals("0.30000000000000004", Doubles.format(0.1 + 0.2));
    }
}
