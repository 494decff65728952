package dev.wharf.cli.command;

import dev.wharf.cli.CliException;
import dev.wharf.cli.Session;
import dev.wharf.cli.discovery.ApiResource;
import java.util.ArrayList;
import java.util.List;

/** Objects named on the command line: {@code KIND NAME...} or {@code KIND/NAME...}. */
record Targets(List<Target> targets) {

    /** One object: its resource and name. */
    record Target(ApiResource resource, String name) {
    }

    static Targets parse(Session session, List<String> words, String usage) {
        if (words.isEmpty()) {
            throw new CliException("error: " + usage);
        }
        List<Target> targets = new ArrayList<>();
        if (words.get(0).contains("/")) {
            for (String word : words) {
                int slash = word.indexOf('/');
                if (slash <= 0 || slash == word.length() - 1) {
                    throw new CliException("error: \"" + word + "\" is not KIND/NAME; " + usage);
                }
                targets.add(new Target(session.resolver().resolveOne(word.substring(0, slash)), word.substring(slash + 1)));
            }
        } else {
            if (words.size() < 2) {
                throw new CliException("error: no name given for \"" + words.get(0) + "\"; " + usage);
            }
            ApiResource resource = session.resolver().resolveOne(words.get(0));
            for (String name : words.subList(1, words.size())) {
                if (name.contains("/")) {
                    throw new CliException("error: mix either KIND NAME or KIND/NAME, not both (\"" + name + "\")");
                }
                targets.add(new Target(resource, name));
            }
        }
        return new Targets(targets);
    }
}
