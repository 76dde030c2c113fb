package org.citydata.kernel.quality;

/** What a cell of a data set must hold; the catalog's field types map onto these by name. */
public enum ValueKind {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP, RESIDENT_ID, CREDIT_CODE, MOBILE
}
