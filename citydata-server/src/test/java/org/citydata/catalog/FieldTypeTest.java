package org.citydata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.citydata.kernel.quality.ValueKind;
import org.junit.jupiter.api.Test;

class FieldTypeTest {

    @Test
    void everyFieldTypeHasAValueCheck() {
        assertThat(Arrays.stream(FieldType.values()).map(t -> ValueKind.valueOf(t.name()))).hasSize(FieldType.values().length);
    }
}
