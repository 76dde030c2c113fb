package org.citydata.kernel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void everyRuleReadsBackFromItsText() {
        List<Masking> rules = List.of(new Masking.Keep(3, 4), Masking.MASK, Masking.HASH, Masking.YEAR, Masking.MONTH,
                new Masking.AgeBand(10), new Masking.Region(6), Masking.NULL, Masking.FPE, Masking.CLEAR);
        for (Masking rule : rules) assertThat(Masking.parse(rule.text()).value()).isEqualTo(rule);
        assertThat(rules).extracting(Masking::text).containsExactly("keep(3,4)", "mask", "hash", "year", "month",
                "ageband(10)", "region(6)", "null", "fpe", "clear");
    }

    @Test
    void forgivesCaseAndSpaces() {
        assertThat(Masking.parse(" KEEP( 1 , 0 ) ").value()).isEqualTo(new Masking.Keep(1, 0));
        assertThat(Masking.parse("Hash").value()).isEqualTo(Masking.HASH);
    }

    @Test
    void invalidTextNamesTheProblem() {
        assertThat(Masking.parse(null).problem().code()).isEqualTo("masking.blank");
        assertThat(Masking.parse("  ").problem().code()).isEqualTo("masking.blank");
        assertThat(Masking.parse("keep(3,4").problem().code()).isEqualTo("masking.syntax");
        assertThat(Masking.parse("keep-3").problem().code()).isEqualTo("masking.syntax");
        assertThat(Masking.parse("blur").problem().code()).isEqualTo("masking.unknown");
        assertThat(Masking.parse("blur").problem().args()).containsExactly("blur", "blur");
        assertThat(Masking.parse("keep(3)").problem().code()).isEqualTo("masking.arguments");
        assertThat(Masking.parse("keep(3,x)").problem().code()).isEqualTo("masking.arguments");
        assertThat(Masking.parse("keep(-1,2)").problem().code()).isEqualTo("masking.arguments");
        assertThat(Masking.parse("keep(99999999999,2)").problem().code()).isEqualTo("masking.arguments");
        assertThat(Masking.parse("mask(2)").problem().code()).isEqualTo("masking.arguments");
        assertThat(Masking.parse("ageband()").problem().code()).isEqualTo("masking.arguments");
        assertThat(Masking.parse("ageband(0)").problem().code()).isEqualTo("masking.range");
        assertThat(Masking.parse("region(13)").problem().code()).isEqualTo("masking.range");
        assertThat(Masking.parse("keep(100,0)").problem().code()).isEqualTo("masking.range");
    }

    @Test
    void constructorsRejectParametersOutOfRange() {
        assertThatThrownBy(() -> new Masking.Keep(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Masking.AgeBand(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Masking.Region(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
