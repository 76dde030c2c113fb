package org.citydata.catalog;

/** 共享方式: how other departments receive it. Labels: {@code enum.ShareMethod.*} in the message bundles. */
public enum ShareMethod {
    API, FILE, BULK_SYNC
}
