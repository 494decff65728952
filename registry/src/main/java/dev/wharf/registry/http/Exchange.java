package dev.wharf.registry.http;

import dev.wharf.registry.storage.UploadSession;
import java.io.IOException;

/** A request in flight: where its body goes, and how to answer once the body has ended. */
public record Exchange(BodySink body, Finish finish) {

    @FunctionalInterface
    public interface Finish {
        Reply answer() throws RegistryException, IOException;
    }

    @FunctionalInterface
    public interface WithBody {
        Reply answer(byte[] body) throws RegistryException, IOException;
    }

    static Exchange immediate(Reply reply) {
        return new Exchange(new BodySink.Memory(0), () -> reply);
    }

    static Exchange buffered(int limit, WithBody then) {
        BodySink.Memory m = new BodySink.Memory(limit);
        return new Exchange(m, () -> then.answer(m.bytes()));
    }

    static Exchange upload(UploadSession s, Finish then) {
        BodySink.Upload u = new BodySink.Upload(s);
        return new Exchange(u, () -> {
            s.pause();
            return then.answer();
        });
    }
}
