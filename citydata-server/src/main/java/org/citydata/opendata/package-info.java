/**
 * 数据开放: catalog resources opened to citizens and companies. A department proposes an opening (which fields, masked
 * how, open to all or to registered developers only); an automatic risk assessment on the current data (personal data
 * found, sensitive fields in clear, k-anonymity over the quasi-identifiers) lists what blocks it and what would fix
 * it; the bureau reviews; only then is it public, and unpublishing is immediate. Every public read goes through the
 * datastore's access path under the opening's masking and is recorded. Developers register and confirm their address
 * ({@link org.citydata.opendata.Developers}) and read conditionally opened data with API keys
 * ({@link org.citydata.opendata.ApiKeys}); the open APIs are rate limited per key and per client address.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Open data")
package org.citydata.opendata;
