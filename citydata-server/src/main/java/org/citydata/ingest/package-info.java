/**
 * 采集汇聚: bringing a resource's rows in from where departments keep them (files today), checking every value
 * against its catalog field, quarantining what fails, and loading the rest as a new datastore version.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingest")
package org.citydata.ingest;
