package dev.wharf.scheduler.model;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Parses resource quantities ({@code 500m}, {@code 128Mi}, {@code 1.5}, {@code 2G}, {@code 1e3}) into longs,
 * rounding up as Kubernetes does. Plain integer forms take a fast path without BigDecimal or regular
 * expressions; anything else goes through BigDecimal. Invalid input is a 400 naming the field.
 */
public final class Quantities {
    private Quantities() {
    }

    /** Millicores (cpu): {@code 500m} -> 500, {@code 2} -> 2000. */
    public static long milli(Quantity q, String path) {
        return parse(text(q), 3, path);
    }

    /** Whole units (bytes, pods, devices), rounded up. */
    public static long units(Quantity q, String path) {
        return parse(text(q), 0, path);
    }

    private static String text(Quantity q) {
        String amount = q.getAmount() == null ? "" : q.getAmount().trim();
        String format = q.getFormat() == null ? "" : q.getFormat();
        return amount + format;
    }

    /** The value times 10^{@code scale}, rounded up. */
    static long parse(String s, int scale, String path) {
        int i = 0;
        int n = s.length();
        if (n == 0) {
            throw Errors.invalid(path, "invalid quantity \"\"");
        }
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int numberStart = i;
        boolean fraction = false;
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            fraction |= s.charAt(i) == '.';
            i++;
        }
        String number = s.substring(0, i);
        String suffix = s.substring(i);
        if (i == numberStart || number.equals(".") || number.chars().filter(c -> c == '.').count() > 1) {
            throw Errors.invalid(path, "invalid quantity \"" + s + "\"");
        }
        int decimalExp;
        long binary = 1;
        switch (suffix) {
            case "" -> decimalExp = 0;
            case "m" -> decimalExp = -3;
            case "k" -> decimalExp = 3;
            case "M" -> decimalExp = 6;
            case "G" -> decimalExp = 9;
            case "T" -> decimalExp = 12;
            case "P" -> decimalExp = 15;
            case "E" -> decimalExp = 18;
            case "Ki" -> { decimalExp = 0; binary = 1L << 10; }
            case "Mi" -> { decimalExp = 0; binary = 1L << 20; }
            case "Gi" -> { decimalExp = 0; binary = 1L << 30; }
            case "Ti" -> { decimalExp = 0; binary = 1L << 40; }
            case "Pi" -> { decimalExp = 0; binary = 1L << 50; }
            case "Ei" -> { decimalExp = 0; binary = 1L << 60; }
            default -> {
                if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
                    try {
                        decimalExp = Integer.parseInt(suffix.substring(1));
                    } catch (NumberFormatException e) {
                        throw Errors.invalid(path, "invalid quantity \"" + s + "\"");
                    }
                } else {
                    throw Errors.invalid(path, "invalid quantity \"" + s + "\"");
                }
            }
        }
        int exp = decimalExp + scale;
        if (!fraction && exp >= 0 && exp <= 18 && number.length() <= 18) {
            try {
                long v = Long.parseLong(number);
                return Math.multiplyExact(Math.multiplyExact(v, pow10(exp)), binary);
            } catch (ArithmeticException | NumberFormatException e) {
                // fall through to BigDecimal
            }
        }
        try {
            return new BigDecimal(number).scaleByPowerOfTen(exp).multiply(BigDecimal.valueOf(binary))
                    .setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw Errors.invalid(path, "invalid quantity \"" + s + "\"");
        }
    }

    private static long pow10(int exp) {
        long p = 1;
        for (int k = 0; k < exp; k++) {
            p *= 10;
        }
        return p;
    }
}
