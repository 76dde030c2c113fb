package org.citydata.kernel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.kernel.privacy.SensitivityDefaults.ruleFor;

import org.citydata.kernel.quality.ValueKind;
import org.junit.jupiter.api.Test;

class SensitivityDefaultsTest {

    @Test
    void lowLevelsAreClear() {
        for (ValueKind kind : ValueKind.values()) {
            assertThat(ruleFor("L1", kind).value()).isEqualTo(Masking.CLEAR);
            assertThat(ruleFor("L2", kind).value()).isEqualTo(Masking.CLEAR);
        }
        assertThat(ruleFor("l2", PiiKind.RESIDENT_ID).value()).isEqualTo(Masking.CLEAR);
    }

    @Test
    void level3ShowsWhatDisplaysCommonlyShow() {
        assertThat(ruleFor("L3", PiiKind.PERSON_NAME).value().text()).isEqualTo("keep(1,0)");
        assertThat(ruleFor("L3", ValueKind.RESIDENT_ID).value().text()).isEqualTo("keep(6,4)");
        assertThat(ruleFor("L3", ValueKind.MOBILE).value().text()).isEqualTo("keep(3,4)");
        assertThat(ruleFor("L3", PiiKind.BANK_CARD).value().text()).isEqualTo("keep(0,4)");
        assertThat(ruleFor("L3", ValueKind.DATE).value()).isEqualTo(Masking.YEAR);
        assertThat(ruleFor("L3", ValueKind.TIMESTAMP).value()).isEqualTo(Masking.YEAR);
        assertThat(ruleFor("L3", ValueKind.STRING).value()).isEqualTo(Masking.MASK);
        assertThat(ruleFor("L3", PiiKind.EMAIL).value()).isEqualTo(Masking.MASK);
    }

    @Test
    void level4ShowsNothingButKeepsIdentifiersJoinable() {
        assertThat(ruleFor("L4", ValueKind.RESIDENT_ID).value()).isEqualTo(Masking.HASH);
        assertThat(ruleFor("L4", PiiKind.BANK_CARD).value()).isEqualTo(Masking.HASH);
        assertThat(ruleFor("L4", PiiKind.PERSON_NAME).value()).isEqualTo(Masking.MASK);
        assertThat(ruleFor("L4", ValueKind.DATE).value()).isEqualTo(Masking.MASK);
    }

    @Test
    void unknownLevelsAreRejected() {
        assertThat(ruleFor("L5", ValueKind.STRING).problem().code()).isEqualTo("sensitivity.level");
        assertThat(ruleFor(null, ValueKind.STRING).problem().code()).isEqualTo("sensitivity.level");
        assertThat(ruleFor("", PiiKind.EMAIL).problem().code()).isEqualTo("sensitivity.level");
    }
}
