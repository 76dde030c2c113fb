package org.citydata.catalog;

/** 信息项数据类型; the last three are identifiers checked by their own rules (GB 11643, GB 32100, mobile). Labels: {@code enum.FieldType.*} in the message bundles. */
public enum FieldType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP, RESIDENT_ID, CREDIT_CODE, MOBILE
}
