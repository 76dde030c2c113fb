package org.citydata.catalog;

/** 信息项数据类型. Labels: {@code enum.FieldType.*} in the message bundles. */
public enum FieldType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP
}
