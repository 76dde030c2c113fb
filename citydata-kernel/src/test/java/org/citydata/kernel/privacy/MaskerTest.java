package org.citydata.kernel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.MobileNumber;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.kernel.quality.ValueKind;
import org.junit.jupiter.api.Test;

class MaskerTest {

    private static final byte[] KEY = "platform-secret-one-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "platform-secret-two-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-15T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final List<String> REGIONS = List.of("110101", "310104", "320505", "440305", "510107", "330106", "650102");
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final Masker masker = new Masker(KEY, CLOCK);
    private final Masker other = new Masker(OTHER_KEY, CLOCK);

    private String mask(String rule, String value) {
        return masker.apply(Masking.parse(rule).value(), value);
    }

    @Test
    void nullStaysNullUnderEveryRule() {
        for (String rule : List.of("keep(3,4)", "mask", "hash", "year", "month", "ageband(10)", "region(6)", "null", "fpe", "clear")) {
            assertThat(mask(rule, null)).as(rule).isNull();
        }
    }

    @Test
    void keepHidesTheMiddle() {
        assertThat(mask("keep(3,4)", "13812345678")).isEqualTo("138****5678");
        assertThat(mask("keep(6,4)", "11010519491231002X")).isEqualTo("110105********002X");
        assertThat(mask("keep(0,4)", "6222021234567890123")).isEqualTo("***************0123");
    }

    @Test
    void keepCountsChineseCharactersAsOne() {
        assertThat(mask("keep(1,0)", "张三")).isEqualTo("张*");
        assertThat(mask("keep(1,0)", "张三丰")).isEqualTo("张**");
        assertThat(mask("keep(2,1)", "欧阳娜娜")).isEqualTo("欧阳*娜");
        assertThat(mask("keep(1,1)", "𠀋一二")).isEqualTo("𠀋*二"); // a supplementary-plane character is one code point
        assertThat(mask("mask", "𠀋一")).isEqualTo("**");
    }

    @Test
    void shortValuesNeverPassThroughUnmasked() {
        assertThat(mask("keep(1,0)", "张")).isEqualTo("*");
        assertThat(mask("keep(3,4)", "1")).isEqualTo("*");
        assertThat(mask("keep(3,4)", "12")).isEqualTo("**");
        assertThat(mask("keep(3,4)", "1234567")).isEqualTo("123****");
        assertThat(mask("keep(2,1)", "欧阳")).isEqualTo("**");
        assertThat(mask("keep(0,4)", "1234")).isEqualTo("***4");
        // exhaustively: whatever the rule and the length, something is hidden and less than half shown when short
        for (int n = 0; n <= 6; n++) {
            for (int m = 0; m <= 6; m++) {
                for (int length = 1; length <= 12; length++) {
                    String value = "abcdefghijkl".substring(0, length);
                    String masked = masker.apply(new Masking.Keep(n, m), value);
                    assertThat(masked).hasSize(length).isNotEqualTo(value).contains("*");
                    long shown = masked.chars().filter(c -> c != '*').count();
                    if (length <= n + m) assertThat(shown * 2).as("keep(%d,%d) on %s", n, m, value).isLessThan(length);
                }
            }
        }
    }

    @Test
    void maskKeepsTheLength() {
        assertThat(mask("mask", "苏州市民")).isEqualTo("****");
        assertThat(mask("mask", "x")).isEqualTo("*");
        assertThat(mask("mask", "")).isEmpty();
    }

    @Test
    void hashIsAKeyedStablePseudonym() {
        String a = mask("hash", "张三");
        assertThat(a).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(mask("hash", "张三")).isEqualTo(a);
        assertThat(mask("hash", "张四")).isNotEqualTo(a);
        assertThat(other.apply(Masking.HASH, "张三")).isNotEqualTo(a);
        assertThat(new Masker(KEY.clone(), Clock.systemUTC()).apply(Masking.HASH, "张三")).isEqualTo(a);
        // HMAC-SHA256("platform-secret-one-32-bytes-long", "abc"), first 64 bits; checked with openssl
        assertThat(mask("hash", "abc")).isEqualTo("16152312ad51a7db");
    }

    @Test
    void keysMustBeLongEnough() {
        assertThatThrownBy(() -> new Masker(new byte[8], CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datesBecomeYearOrMonth() {
        assertThat(mask("year", "1990-05-17")).isEqualTo("1990");
        assertThat(mask("month", "1990-05-17")).isEqualTo("1990-05");
        assertThat(mask("month", "1990-05-17T08:30:00")).isEqualTo("1990-05");
        assertThat(mask("month", "1990-05-17 08:30:00")).isEqualTo("1990-05");
        assertThat(mask("month", "1990/5/7")).isEqualTo("1990-05");
        assertThat(mask("year", "19900517")).isEqualTo("1990");
        assertThat(mask("year", "11010519491231002X")).isEqualTo("1949"); // an ID number's birth date
    }

    @Test
    void unreadableDatesAreMasked() {
        assertThat(mask("year", "unknown")).isEqualTo("*******");
        assertThat(mask("month", "2023-02-29")).isEqualTo("**********");
        assertThat(mask("ageband(10)", "不详")).isEqualTo("**");
    }

    @Test
    void ageBandsUseTheInjectedToday() {
        assertThat(mask("ageband(10)", "1990-06-15")).isEqualTo("30-39"); // 34 on 2024-06-15
        assertThat(mask("ageband(10)", "1984-06-15")).isEqualTo("40-49"); // 40th birthday today
        assertThat(mask("ageband(10)", "1984-06-16")).isEqualTo("30-39"); // one day short
        assertThat(mask("ageband(5)", "2020-01-01")).isEqualTo("0-4");
        assertThat(mask("ageband(1)", "2000-01-01")).isEqualTo("24");
        assertThat(mask("ageband(10)", "2030-01-01")).isEqualTo("**********"); // not born yet: unreadable
    }

    @Test
    void regionKeepsTheLeadingDigits() {
        assertThat(mask("region(4)", "320505")).isEqualTo("320500");
        assertThat(mask("region(2)", "320505")).isEqualTo("320000");
        assertThat(mask("region(6)", "320505001001")).isEqualTo("320505000000");
        assertThat(mask("region(6)", "320505")).isEqualTo("320505"); // already that coarse
        assertThat(mask("region(4)", "苏州市")).isEqualTo("***");
    }

    @Test
    void nullAndClear() {
        assertThat(mask("null", "张三")).isNull();
        assertThat(mask("clear", "张三")).isEqualTo("张三");
    }

    @Test
    void residentIdPseudonymsAreValidStableKeyedAndRarelyCollide() {
        Random random = new Random(42);
        Set<String> outputs = new HashSet<>();
        int count = 10_000, sameUnderOtherKey = 0;
        for (int i = 0; i < count; i++) {
            String id = randomResidentId(random);
            String pseudonym = masker.apply(Masking.FPE, id, ValueKind.RESIDENT_ID);
            assertThat(ResidentIdNumber.problem(pseudonym)).as(id + " -> " + pseudonym).isEmpty();
            assertThat(pseudonym).startsWith(id.substring(0, 6));
            assertThat((pseudonym.charAt(16) - '0') % 2).as("sex kept").isEqualTo((id.charAt(16) - '0') % 2);
            assertThat(masker.apply(Masking.FPE, id)).isEqualTo(pseudonym);
            if (other.apply(Masking.FPE, id).equals(pseudonym)) sameUnderOtherKey++;
            outputs.add(pseudonym);
        }
        assertThat(count - outputs.size()).as("collisions").isLessThan(count / 1000);
        assertThat(sameUnderOtherKey).isLessThan(count / 1000);
    }

    @Test
    void creditCodePseudonymsAreValidStableKeyedAndRarelyCollide() {
        Random random = new Random(7);
        Set<String> outputs = new HashSet<>();
        int count = 10_000, sameUnderOtherKey = 0;
        for (int i = 0; i < count; i++) {
            String code = randomCreditCode(random);
            String pseudonym = masker.apply(Masking.FPE, code, ValueKind.CREDIT_CODE);
            assertThat(CreditCode.problem(pseudonym)).as(code + " -> " + pseudonym).isEmpty();
            assertThat(pseudonym).startsWith(code.substring(0, 8)).isNotEqualTo(code);
            assertThat(masker.apply(Masking.FPE, code, ValueKind.CREDIT_CODE)).isEqualTo(pseudonym);
            if (other.apply(Masking.FPE, code, ValueKind.CREDIT_CODE).equals(pseudonym)) sameUnderOtherKey++;
            outputs.add(pseudonym);
        }
        assertThat(count - outputs.size()).as("collisions").isLessThan(count / 1000);
        assertThat(sameUnderOtherKey).isLessThan(count / 1000);
    }

    @Test
    void mobilePseudonymsKeepTheNetworkPrefix() {
        String pseudonym = mask("fpe", "+86 138-1234-5678");
        assertThat(MobileNumber.isValid(pseudonym)).isTrue();
        assertThat(pseudonym).startsWith("138").hasSize(11).isNotEqualTo("13812345678");
        assertThat(mask("fpe", "13812345678")).isEqualTo(pseudonym);
    }

    @Test
    void fpeRecognisesTheKindByFormWhenNotGivenAndMasksWhatItCannotRead() {
        assertThat(ResidentIdNumber.isValid(mask("fpe", "11010519491231002x"))).isTrue();
        assertThat(CreditCode.isValid(mask("fpe", "91350100M000100Y43"))).isTrue();
        assertThat(mask("fpe", "110105194912310021")).isEqualTo("******************"); // wrong check character
        assertThat(masker.apply(Masking.FPE, "13812345678", ValueKind.RESIDENT_ID)).isEqualTo("***********");
        assertThat(mask("fpe", "张三")).isEqualTo("**");
    }

    static String randomResidentId(Random random) {
        String region = REGIONS.get(random.nextInt(REGIONS.size()));
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(80 * 365));
        String first17 = region + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    static String randomCreditCode(Random random) {
        var body = new StringBuilder();
        for (int i = 0; i < 8; i++) body.append(CREDIT_ALPHABET.charAt(random.nextInt(CREDIT_ALPHABET.length())));
        String first17 = "9" + "1" + REGIONS.get(random.nextInt(REGIONS.size())) + body + CreditCode.organizationCheck(body.toString());
        return first17 + CreditCode.checkCharacter(first17);
    }
}
