package dev.easyto.init.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The two statistics make bench reports: the median and the 95th percentile. */
final class Stats {
    private Stats() {}

    /** The middle value; with an even count, the mean of the two middle ones. */
    static double median(List<? extends Number> values) {
        List<Double> sorted = sorted(values);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The nearest-rank 95th percentile: the smallest value at least 95 % of the values are not
     * above (of 20 runs, the 19th smallest). Never interpolated, so it is always a measured value.
     */
    static double p95(List<? extends Number> values) {
        List<Double> sorted = sorted(values);
        int rank = (int) Math.ceil(0.95 * sorted.size());
        return sorted.get(rank - 1);
    }

    private static List<Double> sorted(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values.size());
        values.forEach(value -> sorted.add(value.doubleValue()));
        Collections.sort(sorted);
        return sorted;
    }

    /** A whole number as a long, so that JSON shows {@code 2350} rather than {@code 2350.0}. */
    static Number plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }
}
