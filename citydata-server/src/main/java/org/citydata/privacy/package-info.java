/**
 * 隐私保护: sensitivity levels, PII detection, masking policies and de-identification, shared by every module that lets
 * data leave the platform (exchange, open data, market). Depends on the kernel only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package org.citydata.privacy;
