package org.citydata.quality;

import java.time.OffsetDateTime;

/**
 * A resource field that holds a copy of a data item whose authoritative source is elsewhere (一数一源 keeps that
 * source single; a holder is what a cross-check compares with it).
 */
public record ItemHolder(String item, String resourceCode, String resourceName, String field, String departmentCode,
                         String declaredBy, OffsetDateTime declaredAt) {}
