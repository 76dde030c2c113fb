/**
 * 共享交换: departments get each other's data through the platform. Unconditional resources are granted on request;
 * conditional ones after a share application the provider answers within a deadline of working days; resources not
 * to be shared cannot be asked for. A grant names the fields and their masking, the purpose, the validity, the rate
 * and quota and the applications that may use it; the exchange API reads through the datastore's access path under it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Exchange")
package org.citydata.exchange;
