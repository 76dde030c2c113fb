/**
 * 数据存储: each resource's rows in PostgreSQL, one table per version, loaded with COPY and switched atomically; and
 * the single access path through which every row is read.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Datastore")
package org.citydata.datastore;
