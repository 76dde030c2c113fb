/**
 * 个人信息保护: which fields hold personal data and how sensitive they are. First of it, detection: a sample of a
 * resource's data is looked at, field by field, for resident IDs, mobiles, e-mail addresses, bank cards and credit
 * codes; the provider's officer sees the proposed sensitivity with its evidence and confirms it into the catalog.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package org.citydata.privacy;
