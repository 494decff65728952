package dev.wharf.apiserver.http;

/** Answers one request; runs on a virtual thread, so blocking is fine. */
@FunctionalInterface
public interface RequestHandler {
    void handle(HttpRequest request, Responder responder) throws Exception;
}
