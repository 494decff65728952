package dev.wharf.api.schema;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one protobuf message with {@link CodedOutputStream}; nested messages are written to their own writer
 * first and embedded as length-delimited bytes. Proto3 rules: empty strings and false booleans are not written,
 * nested messages are (their presence is meaningful, e.g. an empty {@code Properties}).
 */
final class ProtoWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    ProtoWriter string(int field, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        try {
            out.writeString(field, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ProtoWriter bool(int field, boolean value) {
        if (!value) {
            return this;
        }
        try {
            out.writeBool(field, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        try {
            out.writeByteArray(field, message.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] toByteArray() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
