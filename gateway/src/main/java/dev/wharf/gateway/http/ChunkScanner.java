package dev.wharf.gateway.http;

import io.netty.buffer.ByteBuf;

/**
 * Follows the framing of a chunked body (RFC 9112 §7.1) without decoding it, so the bytes can be forwarded as they
 * are and the proxy still knows where the message ends. Fed any split of the body; keeps its state between calls.
 */
final class ChunkScanner {
    private static final int SIZE = 0, EXT = 1, SIZE_LF = 2, DATA = 3, DATA_CR = 4, DATA_LF = 5, TRAILER_START = 6,
            TRAILER = 7, TRAILER_LF = 8, FINAL_LF = 9, DONE = 10;
    private int state;
    private long size;
    private int digits;

    void reset() {
        state = SIZE;
        size = 0;
        digits = 0;
    }

    boolean done() {
        return state == DONE;
    }

    /**
     * Scans the readable bytes (the reader index does not move) up to the end of the body at most: the number of
     * bytes that belong to this body, or -1 when the framing is invalid.
     */
    int scan(ByteBuf b) {
        int r = b.readerIndex();
        int w = b.writerIndex();
        int i = r;
        while (i < w && state != DONE) {
            if (state == DATA) {
                int n = (int) Math.min(size, w - i);
                i += n;
                size -= n;
                if (size == 0) {
                    state = DATA_CR;
                }
                continue;
            }
            byte c = b.getByte(i++);
            switch (state) {
                case SIZE -> {
                    int d = hex(c);
                    if (d >= 0) {
                        if (++digits > 15) {
                            return -1;
                        }
                        size = size * 16 + d;
                    } else if (digits == 0) {
                        return -1;
                    } else if (c == ';' || c == ' ' || c == '\t') {
                        state = EXT;
                    } else if (c == '\r') {
                        state = SIZE_LF;
                    } else {
                        return -1;
                    }
                }
                case EXT -> {
                    if (c == '\r') {
                        state = SIZE_LF;
                    } else if (c == '\n') {
                        return -1;
                    }
                }
                case SIZE_LF -> {
                    if (c != '\n') {
                        return -1;
                    }
                    digits = 0;
                    if (size == 0) {
                        state = TRAILER_START;
                    } else {
                        state = DATA;
                    }
                }
                case DATA_CR -> {
                    if (c != '\r') {
                        return -1;
                    }
                    state = DATA_LF;
                }
                case DATA_LF -> {
                    if (c != '\n') {
                        return -1;
                    }
                    state = SIZE;
                }
                case TRAILER_START -> state = c == '\r' ? FINAL_LF : c == '\n' ? fail() : TRAILER;
                case TRAILER -> {
                    if (c == '\r') {
                        state = TRAILER_LF;
                    } else if (c == '\n') {
                        return -1;
                    }
                }
                case TRAILER_LF -> {
                    if (c != '\n') {
                        return -1;
                    }
                    state = TRAILER_START;
                }
                case FINAL_LF -> {
                    if (c != '\n') {
                        return -1;
                    }
                    state = DONE;
                }
                default -> {
                    return -1;
                }
            }
            if (state == -1) {
                return -1;
            }
        }
        return i - r;
    }

    private static int fail() {
        return -1;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = c | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }
}
