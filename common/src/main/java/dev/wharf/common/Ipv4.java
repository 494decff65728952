package dev.wharf.common;

/** Dotted IPv4 addresses as unsigned 32-bit numbers (in a long), for address ranges and CIDR matching. */
public final class Ipv4 {
    private Ipv4() {
    }

    /** The address as a number from 0 to 2^32-1, or -1 when {@code ip} is not a dotted IPv4 address. */
    public static long toLong(String ip) {
        if (ip == null) {
            return -1;
        }
        String[] o = ip.trim().split("\\.", -1);
        if (o.length != 4) {
            return -1;
        }
        long v = 0;
        for (String s : o) {
            if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int b = Integer.parseInt(s);
            if (b > 255) {
                return -1;
            }
            v = (v << 8) | b;
        }
        return v;
    }

    /** The four bytes of an {@code InetAddress.getAddress()} as a number, or -1 when they are not four. */
    public static long toLong(byte[] address) {
        if (address.length != 4) {
            return -1;
        }
        return (address[0] & 0xffL) << 24 | (address[1] & 0xffL) << 16 | (address[2] & 0xffL) << 8 | (address[3] & 0xffL);
    }

    public static String toString(long v) {
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    /** The mask of a prefix length: 24 → 0xFFFFFF00. */
    public static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
    }
}
