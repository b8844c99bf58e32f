package dev.easyto.init.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertEquals(7.0, Stats.median(List.of(9, 1, 7, 100, 3)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(112.5, Stats.median(List.of(120L, 100L, 105L, 500L)));
    }

    @Test
    void p95OfTwentyRunsIsTheNineteenthSmallest() {
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= 20; v++) {
            values.add(v * 10);
        }
        Collections.shuffle(values);
        assertEquals(190.0, Stats.p95(values));
    }

    @Test
    void p95OfTwentyOneRunsIsTheTwentiethAndOfOneRunIsThatRun() {
        List<Integer> values = new ArrayList<>();
        for (int v = 1; v <= 21; v++) {
            values.add(v);
        }
        assertEquals(20.0, Stats.p95(values));
        assertEquals(42.0, Stats.p95(List.of(42)));
    }

    @Test
    void noValuesHaveNoStatistics() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Stats.p95(List.of()));
    }

    @Test
    void wholeNumbersPrintWithoutAFraction() {
        assertEquals(2350L, Stats.plain(2350.0));
        assertEquals(112.5, Stats.plain(112.5));
    }
}
