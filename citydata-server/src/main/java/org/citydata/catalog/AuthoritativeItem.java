package org.citydata.catalog;

import java.time.OffsetDateTime;

/** 一数一源: the one resource and field that is the authoritative source of a data item, and its provider. */
public record AuthoritativeItem(String item, String label, String resourceCode, String resourceName, String field,
                                String providerCode, String providerName, String declaredBy, OffsetDateTime declaredAt) {}
