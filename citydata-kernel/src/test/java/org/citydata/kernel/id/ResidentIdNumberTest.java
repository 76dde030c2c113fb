package org.citydata.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

    @Test
    void acceptsTheStandardsOwnExamplesIncludingACheckX() {
        assertThat(ResidentIdNumber.problem("11010519491231002X")).isEmpty(); // GB 11643's example
        assertThat(ResidentIdNumber.problem("11010519491231002x")).isEmpty(); // lower-case x as typed
        assertThat(ResidentIdNumber.problem("440524188001010014")).isEmpty();
        assertThat(ResidentIdNumber.birthDate("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
    }

    @Test
    void namesTheRuleAWrongNumberBreaks() {
        assertThat(ResidentIdNumber.problem("11010519491231002")).contains("id.length");
        assertThat(ResidentIdNumber.problem("1101051949123100AX")).contains("id.characters");
        assertThat(ResidentIdNumber.problem("990105194912310021")).contains("id.region"); // no province 99
        assertThat(ResidentIdNumber.problem("110105194902300021")).contains("id.birth_date"); // 30 February
        assertThat(ResidentIdNumber.problem("110105184912310021")).contains("id.birth_date"); // before 1850
        assertThat(ResidentIdNumber.problem("110105194912310021")).contains("id.check"); // X changed to 1
    }

    @Test
    void aBirthDateInTheFutureIsRefused() {
        String first17 = "32050620300101001";
        String id = first17 + ResidentIdNumber.checkCharacter(first17);
        assertThat(ResidentIdNumber.problem(id, r -> true, LocalDate.of(2026, 11, 21))).contains("id.birth_date");
        assertThat(ResidentIdNumber.problem(id, r -> true, LocalDate.of(2031, 1, 1))).isEmpty();
    }

    @Test
    void aFullRegionListCanBeSupplied() {
        assertThat(ResidentIdNumber.problem("11010519491231002X", code -> code.equals("110105"))).isEmpty();
        assertThat(ResidentIdNumber.problem("11010519491231002X", code -> code.startsWith("32"))).contains("id.region");
    }

    @Test
    void everySingleDigitChangeIsCaughtByTheCheckCharacter() {
        String valid = "440524188001010014";
        for (int i = 14; i < 17; i++) { // the sequence digits: region and date stay valid
            for (char d = '0'; d <= '9'; d++) {
                if (d == valid.charAt(i)) continue;
                String changed = valid.substring(0, i) + d + valid.substring(i + 1);
                assertThat(ResidentIdNumber.problem(changed)).as(changed).contains("id.check");
            }
        }
    }
}
