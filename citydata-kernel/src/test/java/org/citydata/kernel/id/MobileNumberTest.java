package org.citydata.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MobileNumberTest {

    @Test
    void acceptsTheWaysPeopleWriteANumber() {
        assertThat(MobileNumber.normalize("13812345678")).contains("13812345678");
        assertThat(MobileNumber.normalize("+86 138-1234-5678")).contains("13812345678");
        assertThat(MobileNumber.normalize("0086 19912345678")).contains("19912345678");
        assertThat(MobileNumber.normalize("8613812345678")).contains("13812345678");
    }

    @Test
    void refusesWhatIsNotAMainlandMobile() {
        assertThat(MobileNumber.normalize("12812345678")).isEmpty(); // no 12x networks
        assertThat(MobileNumber.normalize("1381234567")).isEmpty();
        assertThat(MobileNumber.normalize("0512-68616011")).isEmpty(); // a landline
        assertThat(MobileNumber.normalize("+85291234567")).isEmpty(); // Hong Kong
        assertThat(MobileNumber.normalize(null)).isEmpty();
    }
}
