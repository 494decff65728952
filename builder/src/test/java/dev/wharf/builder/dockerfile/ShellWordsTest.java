package dev.wharf.builder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellWordsTest {
    private static final Map<String, String> VARS = Map.of("A", "alpha", "EMPTY", "", "P", "/opt/app");
    private final ShellWords words = new ShellWords('\\', VARS::get);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            $A                 | alpha
            ${A}               | alpha
            x${A}y             | xalphay
            $A/bin             | alpha/bin
            ${P}/lib           | /opt/app/lib
            ${UNSET:-def}      | def
            ${EMPTY:-def}      | def
            ${EMPTY-def}       | ~~
            ${UNSET-def}       | def
            ${A:+yes}          | yes
            ${UNSET:+yes}      | ~~
            ${EMPTY+set}       | set
            ${UNSET:-$A}       | alpha
            '$A'               | $A
            "$A b"             | alpha b
            \\$A               | $A
            "\\$A"             | $A
            $                  | $
            a$-b               | a$-b
            $UNSET             | ~~
            """)
    void substitutesLikeDocker(String in, String out) {
        assertThat(words.word(in)).isEqualTo(out);
    }

    @Test
    void splitsWordsOutsideQuotes() {
        assertThat(words.words("a \"b c\" 'd e' $A")).containsExactly("a", "b c", "d e", "alpha");
    }

    @Test
    void requiredVariableFailsWithItsMessage() {
        assertThatThrownBy(() -> words.word("${UNSET:?must be set}")).hasMessageContaining("UNSET: must be set");
        assertThatThrownBy(() -> words.word("\"open")).hasMessageContaining("double-quote");
    }
}
