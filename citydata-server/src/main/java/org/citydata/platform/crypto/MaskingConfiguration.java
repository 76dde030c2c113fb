package org.citydata.platform.crypto;

import java.time.Clock;
import org.citydata.kernel.privacy.Masker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's one masker: pseudonyms are stable across the platform because they share this key. */
@Configuration
class MaskingConfiguration {

    @Bean
    Masker masker(SecretBox box) {
        return new Masker(box.derive("masking"), Clock.systemDefaultZone());
    }
}
