package org.citydata.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Headers that carry Chinese arrive percent-encoded, as raw UTF-8 read as ISO-8859-1, or as plain ASCII. */
class HeaderTextTest {

    @Test
    void percentEncodedUtf8IsDecodedAndAPlusStaysAPlus() {
        assertThat(HeaderText.decode("%E6%A1%88%E4%BB%B6+1")).isEqualTo("案件+1");
        assertThat(HeaderText.decode("case%2f7")).isEqualTo("case/7");
    }

    @Test
    void rawUtf8BytesAreReadAgainAsUtf8() {
        String asTomcatReadsIt = new String("户籍核验".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(HeaderText.decode(asTomcatReadsIt)).isEqualTo("户籍核验");
    }

    @Test
    void aPercentSignThatIsNotAnEscapeIsKeptAsSent() {
        assertThat(HeaderText.decode("rate 100%")).isEqualTo("rate 100%");
        assertThat(HeaderText.decode("50%off")).isEqualTo("50%off"); // 'o' is not a hex digit
        assertThat(HeaderText.decode("%１２x")).isEqualTo("%１２x"); // full-width digits are not hex digits
        assertThat(HeaderText.decode("plain")).isEqualTo("plain");
        assertThat(HeaderText.decode(null)).isNull();
    }
}
