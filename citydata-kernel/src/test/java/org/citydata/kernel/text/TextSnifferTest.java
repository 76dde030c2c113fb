package org.citydata.kernel.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextSnifferTest {

    private static final String CSV = "公民身份号码,姓名,户籍地址\n11010519491231002X,张三,\"苏州市姑苏区人民路1号,2幢\"\n440524188001010014,李四,吴中区\n";

    @Test
    void recognisesUtf8WithAndWithoutBom() {
        var plain = TextSniffer.sniff(CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(plain.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(plain.bomLength()).isZero();
        byte[] body = CSV.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        var bom = TextSniffer.sniff(withBom);
        assertThat(bom.bomLength()).isEqualTo(3);
        assertThat(bom.charsetLabel()).isEqualTo("UTF-8 (BOM)");
        assertThat(bom.delimiter()).isEqualTo(',');
    }

    @Test
    void recognisesGbkAsGb18030() {
        var gbk = TextSniffer.sniff(CSV.getBytes(java.nio.charset.Charset.forName("GBK")));
        assertThat(gbk.charset()).isEqualTo(TextSniffer.GB18030);
        assertThat(new String(CSV.getBytes(java.nio.charset.Charset.forName("GBK")), gbk.charset())).isEqualTo(CSV);
    }

    @Test
    void aSampleCutInsideACharacterIsStillUtf8() {
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
        for (int len = 4; len < 40; len++) { // every cut, including those inside a three-byte character
            assertThat(TextSniffer.sniff(Arrays.copyOf(bytes, len)).charset()).as("cut at %d", len).isEqualTo(StandardCharsets.UTF_8);
        }
    }

    @Test
    void findsTheDelimiterAndIgnoresItInsideQuotes() {
        assertThat(TextSniffer.delimiter(CSV)).isEqualTo(',');
        assertThat(TextSniffer.delimiter("a\tb\tc\n1\t2,5\t3\n4\t5\t6\n")).isEqualTo('\t');
        assertThat(TextSniffer.delimiter("a;b\n1;2\n")).isEqualTo(';');
        assertThat(TextSniffer.delimiter("a|b|c\n1|2|3\n")).isEqualTo('|');
        assertThat(TextSniffer.delimiter("单列\n值\n")).isEqualTo(',');
    }
}
