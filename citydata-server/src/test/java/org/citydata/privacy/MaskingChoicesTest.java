package org.citydata.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.quality.ValueKind;
import org.junit.jupiter.api.Test;

class MaskingChoicesTest {

    @Test
    void rulesFitTheTypesTheyCanRead() {
        assertThat(MaskingChoices.fits(Masking.YEAR, ValueKind.DATE)).isTrue();
        assertThat(MaskingChoices.fits(Masking.YEAR, ValueKind.RESIDENT_ID)).isTrue(); // the birth date in it
        assertThat(MaskingChoices.fits(Masking.YEAR, ValueKind.STRING)).isFalse();
        assertThat(MaskingChoices.fits(Masking.FPE, ValueKind.MOBILE)).isTrue();
        assertThat(MaskingChoices.fits(Masking.FPE, ValueKind.STRING)).isFalse();
        assertThat(MaskingChoices.fits(new Masking.Keep(3, 4), ValueKind.INTEGER)).isFalse();
        assertThat(MaskingChoices.fits(new Masking.AgeBand(10), ValueKind.TIMESTAMP)).isFalse();
        assertThat(MaskingChoices.fits(new Masking.Region(6), ValueKind.STRING)).isTrue();
        // a masked "true" and "false" differ in length: a boolean is shown or withheld, nothing between
        assertThat(MaskingChoices.fits(Masking.MASK, ValueKind.BOOLEAN)).isFalse();
        assertThat(MaskingChoices.fits(Masking.NULL, ValueKind.BOOLEAN)).isTrue();
        for (var kind : ValueKind.values()) {
            assertThat(MaskingChoices.fits(Masking.CLEAR, kind)).isTrue();
            for (String level : new String[] {"L1", "L2", "L3", "L4", null, "L9"}) {
                var offered = MaskingChoices.offered(kind, level);
                assertThat(offered).as(kind + " " + level).contains(MaskingChoices.defaultFor(kind, level)).doesNotHaveDuplicates();
                assertThat(offered).allMatch(rule -> MaskingChoices.fits(rule, kind));
            }
        }
    }

    @Test
    void theDefaultFollowsSensitivityAndAnUnknownLevelCountsAsL4() {
        assertThat(MaskingChoices.defaultFor(ValueKind.RESIDENT_ID, "L4")).isEqualTo(Masking.HASH);
        assertThat(MaskingChoices.defaultFor(ValueKind.RESIDENT_ID, "L3")).isEqualTo(new Masking.Keep(6, 4));
        assertThat(MaskingChoices.defaultFor(ValueKind.STRING, "L3")).isEqualTo(Masking.MASK);
        assertThat(MaskingChoices.defaultFor(ValueKind.DATE, "L3")).isEqualTo(Masking.YEAR);
        assertThat(MaskingChoices.defaultFor(ValueKind.STRING, "L2")).isEqualTo(Masking.CLEAR);
        assertThat(MaskingChoices.defaultFor(ValueKind.STRING, null)).isEqualTo(Masking.MASK);
        assertThat(MaskingChoices.defaultFor(ValueKind.BOOLEAN, "L3")).isEqualTo(Masking.NULL);
    }

    @Test
    void onlyClearOnL4NeedsConfirmation() {
        assertThat(MaskingChoices.needsConfirmation(Masking.CLEAR, "L4")).isTrue();
        assertThat(MaskingChoices.needsConfirmation(Masking.CLEAR, null)).isTrue();
        assertThat(MaskingChoices.needsConfirmation(Masking.CLEAR, "L3")).isFalse();
        assertThat(MaskingChoices.needsConfirmation(Masking.HASH, "L4")).isFalse();
    }

    @Test
    void examplesAreValidValuesOfTheirType() {
        assertThat(ResidentIdNumber.problem(MaskingChoices.example(ValueKind.RESIDENT_ID))).isEmpty();
        assertThat(CreditCode.isValid(MaskingChoices.example(ValueKind.CREDIT_CODE))).isTrue();
    }
}
