package dev.wharf.registry.http;

import dev.wharf.registry.storage.UploadSession;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a request body goes while it arrives: a small buffer, or straight into an upload's file. */
public interface BodySink {
    void accept(ByteBuf chunk) throws IOException, RegistryException;

    /** The connection closed before the body ended. */
    default void abort() {
    }

    long received();

    /** Buffers up to {@code limit} bytes (manifests, token requests); more is SIZE_INVALID. */
    final class Memory implements BodySink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int limit;

        public Memory(int limit) {
            this.limit = limit;
        }

        @Override
        public void accept(ByteBuf chunk) throws IOException, RegistryException {
            if (out.size() + chunk.readableBytes() > limit) {
                throw new RegistryException(ErrorCode.SIZE_INVALID, "body larger than " + limit + " bytes");
            }
            chunk.readBytes(out, chunk.readableBytes());
        }

        @Override
        public long received() {
            return out.size();
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Appends every chunk to an upload session's data file as it arrives. */
    final class Upload implements BodySink {
        private final UploadSession session;
        private long received;

        public Upload(UploadSession session) {
            this.session = session;
        }

        @Override
        public void accept(ByteBuf chunk) throws IOException {
            int n = chunk.readableBytes();
            if (n == 0) {
                return;
            }
            if (chunk.nioBufferCount() == 1) {
                session.append(chunk.nioBuffer());
            } else {
                for (ByteBuffer b : chunk.nioBuffers()) {
                    session.append(b);
                }
            }
            received += n;
        }

        @Override
        public void abort() {
            session.pause();
        }

        @Override
        public long received() {
            return received;
        }

        public UploadSession session() {
            return session;
        }
    }
}
