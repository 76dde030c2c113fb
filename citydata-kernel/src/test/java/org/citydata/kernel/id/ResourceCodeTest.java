package org.citydata.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceCodeTest {

    @Test
    void formatsWithSixDigitSequenceAndParsesBack() {
        var code = new ResourceCode("101", "3205GA", 42);
        assertThat(code.toString()).isEqualTo("101-3205GA-000042");
        assertThat(ResourceCode.parse("101-3205GA-000042")).contains(code);
        assertThat(code.prefix()).isEqualTo("101-3205GA");
    }

    @Test
    void rejectsMalformedCodes() {
        assertThat(ResourceCode.parse("401-3205GA-000001")).isEmpty(); // no resource type 4
        assertThat(ResourceCode.parse("101-3205ga-000001")).isEmpty(); // lower case provider
        assertThat(ResourceCode.parse("101-3205GA-1")).isEmpty();
        assertThat(ResourceCode.parse("101-3205GA-000000")).isEmpty(); // sequences start at 1
        assertThat(ResourceCode.parse(null)).isEmpty();
        assertThatThrownBy(() -> new ResourceCode("10", "GA", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResourceCode("101", "G", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResourceCode("101", "GA", 1_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void providerCodeCheck() {
        assertThat(ResourceCode.isWellFormedProvider("3205GA01")).isTrue();
        assertThat(ResourceCode.isWellFormedProvider("3205-GA")).isFalse();
        assertThat(ResourceCode.isWellFormedProvider("")).isFalse();
    }
}
