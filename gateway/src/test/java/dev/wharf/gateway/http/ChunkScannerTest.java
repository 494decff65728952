package dev.wharf.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkScannerTest {
    private static final String BODY = "5\r\nhello\r\n1A;ext=1\r\n" + "z".repeat(26) + "\r\n0\r\nTrailer: x\r\n\r\n";

    @Test
    void findsTheEndOfTheBodyAtEverySplit() {
        byte[] bytes = (BODY + "NEXT").getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= bytes.length; split++) {
            ChunkScanner s = new ChunkScanner();
            s.reset();
            ByteBuf b = Unpooled.buffer();
            b.writeBytes(bytes, 0, split);
            int n = s.scan(b);
            assertThat(n).isGreaterThanOrEqualTo(0);
            b.skipBytes(n);
            int total = n;
            if (!s.done()) {
                b.writeBytes(bytes, split, bytes.length - split);
                n = s.scan(b);
                total += n;
            }
            assertThat(s.done()).as("split %d", split).isTrue();
            assertThat(total).as("split %d", split).isEqualTo(BODY.length());
            b.release();
        }
    }

    @Test
    void byteByByte() {
        ChunkScanner s = new ChunkScanner();
        s.reset();
        byte[] bytes = BODY.getBytes(StandardCharsets.ISO_8859_1);
        for (byte x : bytes) {
            assertThat(s.done()).isFalse();
            ByteBuf b = Unpooled.wrappedBuffer(new byte[] {x});
            assertThat(s.scan(b)).isEqualTo(1);
        }
        assertThat(s.done()).isTrue();
    }

    @Test
    void invalidFramingIsAnError() {
        for (String bad : new String[] {"x\r\n", "\r\n", "5\r\nhelloXX", "5\nhello", "0\r\n\n",
                "12345678901234567\r\n", "5\r\nhello\r\n0\r\nT: 1\n"}) {
            ChunkScanner s = new ChunkScanner();
            s.reset();
            assertThat(s.scan(Unpooled.copiedBuffer(bad, StandardCharsets.ISO_8859_1))).as(bad).isEqualTo(-1);
        }
    }
}
