package org.minhu.common.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What text the services accept anywhere, on one line, and what counts as showing nothing. */
class TextRulesTest {

    @Test
    void noTextMayHoldANulOrALoneSurrogate() {
        assertThat(TextRules.forbiddenInAnyText("降压药\u0000")).contains("NUL");
        assertThat(TextRules.forbiddenInAnyText("a\uD83Db")).contains("lone surrogate").contains("D83D");
        assertThat(TextRules.forbiddenInAnyText("\uDE00 at the start")).contains("lone surrogate");
        assertThat(TextRules.forbiddenInAnyText("ends high \uD83D")).contains("lone surrogate");
        // a surrogate pair is one character, an emoji: allowed, as are tabs and line breaks in multi-line text
        assertThat(TextRules.forbiddenInAnyText("好评 \uD83D\uDE00")).isNull();
        assertThat(TextRules.forbiddenInAnyText("第一行\n第二行\tend\r\n")).isNull();
        assertThat(TextRules.forbiddenInAnyText(null)).isNull();
    }

    @Test
    void oneLineOfTextHoldsNoControlCharactersAndNoLineOrParagraphSeparators() {
        for (String bad : new String[] {"a\nb", "a\rb", "a\tb", "a\u001Bb", "a\u007Fb", "a\u0085b", "a\u2028b", "a\u2029b"}) {
            assertThat(TextRules.forbiddenInSingleLine(bad)).as(bad.codePoints().boxed().toList().toString())
                    .contains("control characters or line breaks");
        }
        // what is forbidden anywhere is forbidden here too, with its own reason
        assertThat(TextRules.forbiddenInSingleLine("a\u0000b")).contains("NUL");
        assertThat(TextRules.forbiddenInSingleLine("关坝镇中心卫生院 \uD83D\uDE00 (No. 3)")).isNull();
        assertThat(TextRules.forbiddenInSingleLine(null)).isNull();
    }

    @Test
    void textShowingNothingIsBlankAndAnyVisibleCharacterIsNot() {
        for (String blank : new String[] {null, "", "   ", "\t\n", "\u3000", "\u200B\u200D", "\u202E\u2066", "\u3164", "\u115F",
                "\u2800", "\uFEFF", "\u00A0"}) {
            assertThat(TextRules.isBlank(blank)).as(String.valueOf(blank == null ? null : blank.codePoints().boxed().toList()))
                    .isTrue();
        }
        for (String visible : new String[] {"x", " 降 ", "\u200B.", "0", "\uD83D\uDE00"}) {
            assertThat(TextRules.isBlank(visible)).as(visible).isFalse();
        }
    }
}
