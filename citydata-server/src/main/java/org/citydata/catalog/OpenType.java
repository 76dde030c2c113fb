package org.citydata.catalog;

/** 开放属性: whether the public may get the data. Labels: {@code enum.OpenType.*} in the message bundles. */
public enum OpenType {
    OPEN, CONDITIONAL, CLOSED
}
