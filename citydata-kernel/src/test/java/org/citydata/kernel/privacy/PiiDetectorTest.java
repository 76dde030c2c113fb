package org.citydata.kernel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.citydata.kernel.id.ResidentIdNumber;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    private static PiiDetector.Detection detect(String... values) {
        return PiiDetector.detect(Arrays.asList(values));
    }

    @Test
    void residentIdsWithValidChecksums() {
        var d = detect("11010519491231002X", "44030519900101123" + check("44030519900101123"), "", null);
        assertThat(d.kind()).contains(PiiKind.RESIDENT_ID);
        assertThat(d.share()).isEqualTo(1.0);
        assertThat(d.nonBlank()).isEqualTo(2);
        assertThat(d.proposedSensitivity()).contains("L4");
    }

    @Test
    void eightyPercentIsEnough() {
        Random random = new Random(1);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 8; i++) values.add(MaskerTest.randomResidentId(random));
        values.add("不详");
        values.add("110105194912310021"); // wrong check character
        assertThat(PiiDetector.detect(values).kind()).contains(PiiKind.RESIDENT_ID);
        values.add("unknown");
        var d = PiiDetector.detect(values);
        assertThat(d.kind()).isEmpty();
        assertThat(d.share()).isCloseTo(8 / 11.0, offset(1e-9));
        assertThat(d.proposedSensitivity()).isEmpty();
    }

    @Test
    void creditCodes() {
        var d = detect("91350100M000100Y43", "91110000600037341L", "91440300708461136T");
        assertThat(d.kind()).contains(PiiKind.CREDIT_CODE);
        assertThat(d.proposedSensitivity()).contains("L2");
    }

    @Test
    void mobilesAndEmails() {
        assertThat(detect("13812345678", "+86 139 0000 1111", "15000000000").kind()).contains(PiiKind.MOBILE);
        assertThat(detect("13812345678").proposedSensitivity()).contains("L3");
        var email = detect("zhang.san@suzhou.gov.cn", "li_si+news@example.com", "wangwu@163.com");
        assertThat(email.kind()).contains(PiiKind.EMAIL);
        assertThat(email.proposedSensitivity()).contains("L3");
        assertThat(detect("not-an-address@", "@example.com").kind()).isEmpty();
    }

    @Test
    void bankCardsPassLuhnAndAreNotResidentIds() {
        assertThat(PiiDetector.luhn("4111111111111111")).isTrue();
        assertThat(PiiDetector.luhn("4111111111111112")).isFalse();
        var d = detect("4111111111111111", "6222 0212 3456 7890 " + luhnTail("6222021234567890"), "5500-0000-0000-0004");
        assertThat(d.kind()).contains(PiiKind.BANK_CARD);
        assertThat(d.proposedSensitivity()).contains("L4");
        // an 18-digit resident ID that happens to pass Luhn is still a resident ID
        String id = luhnPassingResidentId();
        assertThat(PiiDetector.luhn(id)).isTrue();
        assertThat(detect(id).kind()).contains(PiiKind.RESIDENT_ID);
        assertThat(PiiDetector.matches(PiiKind.BANK_CARD, id)).isFalse();
    }

    @Test
    void ordinaryColumnsAreNothing() {
        assertThat(detect("张三", "李四", "王五").kind()).isEmpty();
        assertThat(detect("12", "42", "1000").kind()).isEmpty();
        var empty = detect("", " ", null);
        assertThat(empty.kind()).isEmpty();
        assertThat(empty.nonBlank()).isZero();
        assertThat(empty.share()).isZero();
        assertThat(PiiDetector.detect(List.of()).kind()).isEmpty();
    }

    private static char check(String first17) {
        return ResidentIdNumber.checkCharacter(first17);
    }

    /** Three digits that make the 19-digit card number pass Luhn. */
    private static String luhnTail(String first16) {
        for (int n = 0; n < 1000; n++) {
            String tail = String.format("%03d", n);
            if (PiiDetector.luhn(first16 + tail)) return tail;
        }
        throw new AssertionError();
    }

    private static String luhnPassingResidentId() {
        Random random = new Random(3);
        while (true) {
            String id = MaskerTest.randomResidentId(random);
            if (!id.endsWith("X") && PiiDetector.luhn(id)) return id;
        }
    }
}
