package org.citydata.opendata;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RateLimits.class, DeveloperSettings.class})
class DeveloperConfiguration {}
