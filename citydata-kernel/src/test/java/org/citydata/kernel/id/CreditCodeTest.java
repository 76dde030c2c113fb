package org.citydata.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditCodeTest {

    @Test
    void acceptsRealFormCodes() {
        assertThat(CreditCode.problem("91350100M000100Y43")).isEmpty(); // GB 32100's example
        assertThat(CreditCode.problem("91110000600037341L")).isEmpty();
        assertThat(CreditCode.problem("91440300708461136T")).isEmpty();
    }

    @Test
    void namesTheRuleAWrongCodeBreaks() {
        assertThat(CreditCode.problem("91350100M000100Y4")).contains("credit.length");
        assertThat(CreditCode.problem("91350100M000I00Y43")).contains("credit.characters"); // I is not in the alphabet
        assertThat(CreditCode.problem("9135A100M000100Y43")).contains("credit.region");
        assertThat(CreditCode.problem("91350100M000100Y53")).contains("credit.organization_check");
        assertThat(CreditCode.problem("91350100M000100Y44")).contains("credit.check");
    }

    @Test
    void checkCharactersBuildValidCodes() {
        String body = "12345678";
        String first17 = "913205" + "06" + body + CreditCode.organizationCheck(body);
        String code = first17 + CreditCode.checkCharacter(first17);
        assertThat(CreditCode.problem(code)).isEmpty();
    }

    @Test
    void organizationCheckUsesXForTen() {
        // find a body whose check is X and one whose check is 0 (11 - 0): both special cases of GB 11714
        boolean sawX = false, sawZero = false;
        for (int n = 10_000_000; n < 10_000_200; n++) {
            char c = CreditCode.organizationCheck(Integer.toString(n));
            sawX |= c == 'X';
            sawZero |= c == '0';
        }
        assertThat(sawX).isTrue();
        assertThat(sawZero).isTrue();
    }
}
