package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI is a client: it may use Wharf's api and common modules, never server code. */
class DependencyRuleTest {
    private static final Pattern WHARF_IMPORT = Pattern.compile("^import (?:static )?(dev\\.wharf\\.[a-z]+)\\.", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("dev.wharf.cli", "dev.wharf.api", "dev.wharf.common");

    @Test
    void mainSourcesImportOnlyTheApiAndCommonModules() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> violations = files.filter(p -> p.toString().endsWith(".java")).flatMap(file -> {
                try {
                    Matcher m = WHARF_IMPORT.matcher(Files.readString(file));
                    return m.results().map(r -> r.group(1)).filter(pkg -> !ALLOWED.contains(pkg)).map(pkg -> file + " imports " + pkg);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(violations).isEmpty();
        }
        assertThat(WHARF_IMPORT.matcher("import dev.wharf.apiserver.Foo;").find()).isTrue();
    }
}
