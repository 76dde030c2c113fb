package org.citydata;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module map of DESIGN.md is checked, not hoped for: no cycles, no reaching into another module's internals. */
class ModularityTest {

    // citydata-kernel is a plain library every module may use, not a Spring module
    private final ApplicationModules modules = ApplicationModules.of(CitydataApplication.class,
            JavaClass.Predicates.resideInAPackage("org.citydata.kernel.."));

    @Test
    void modulesOnlyUseEachOthersApi() {
        modules.verify();
    }

    @Test
    void theModulesThisStageNeedsExist() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("platform", "identity", "catalog", "datastore", "ingest", "quality", "governance", "demo", "privacy");
    }
}
