package org.citydata.opendata;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code citydata.opendata.developers.*}: how long a confirmation link lasts, how many live keys a developer may hold,
 * and the link mailed for confirmation (the token is appended to it; a path is put after {@code citydata.public-url}).
 */
@ConfigurationProperties("citydata.opendata.developers")
public record DeveloperSettings(@DefaultValue("PT48H") Duration confirmationValid, @DefaultValue("10") int maxKeys,
                                @DefaultValue("/open/developers/confirm?token=") String confirmLink) {}
