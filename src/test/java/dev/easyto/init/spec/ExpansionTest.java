package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpansionTest {
    static final Map<String, String> VARS = Map.of("A", "alpha", "B", "$(A)", "EMPTY", "");

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "plain | plain",
                "$(A) | alpha",
                "x$(A)y$(A)z | xalphayalphaz",
                "$$ | $",
                "$$(A) | $(A)",
                "$$$(A) | $alpha",
                "$(UNKNOWN) | $(UNKNOWN)",
                "$(B) | $(A)", // substituted text is not scanned again
                "$(EMPTY)x | x",
                "$( | $(",
                "$(A | $(A",
                "$(A $(A) | $(A $(A)", // the first ")" closes the name, which is unknown
                "$(A $$ | $(A $", // an unterminated "$(" is kept and scanning goes on
                "$() | $()",
                "$ | $",
                "a$ | a$",
                "$x | $x",
                "$A | $A",
                "'' | ''",
            })
    void expandsLikeKubernetes(String input, String expected) {
        assertEquals(expected, Expansion.expand(input, VARS::get));
    }
}
