package dev.wharf.apiserver.auth;

import java.util.List;

/** An authenticated caller. */
public record User(String name, List<String> groups) {
    public static final User ANONYMOUS = new User("system:anonymous", List.of("system:unauthenticated"));
}
