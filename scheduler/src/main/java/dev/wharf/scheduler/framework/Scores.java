package dev.wharf.scheduler.framework;

/** Upstream's score normalizations. */
public final class Scores {
    private Scores() {
    }

    /** Scales to 0..100 by the maximum; {@code reverse} makes the smallest raw score best. */
    public static void defaultNormalize(long[] scores, boolean reverse) {
        long max = 0;
        for (long s : scores) {
            max = Math.max(max, s);
        }
        if (max == 0) {
            if (reverse) {
                java.util.Arrays.fill(scores, ScorePlugin.MAX_SCORE);
            }
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            long s = ScorePlugin.MAX_SCORE * scores[i] / max;
            scores[i] = reverse ? ScorePlugin.MAX_SCORE - s : s;
        }
    }

    /** Maps [min, max] (which may be negative) onto 0..100; all equal gives 0. */
    public static void minMaxNormalize(long[] scores) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        long diff = max - min;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = diff > 0 ? ScorePlugin.MAX_SCORE * (scores[i] - min) / diff : 0;
        }
    }
}
