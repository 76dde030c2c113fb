package org.citydata.catalog;

/** 共享类型: whether other departments may get the data. Labels: {@code enum.ShareType.*} in the message bundles. */
public enum ShareType {
    UNCONDITIONAL, CONDITIONAL, NONE
}
