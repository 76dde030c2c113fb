package org.citydata.catalog;

/** Published after a resource's metadata or status changed and the change committed. */
public record ResourceChanged(long resourceId, String code) {}
