package org.citydata.catalog;

/** 数据分级: L1 public, L2 internal, L3 sensitive, L4 core (personal or secret). Labels: {@code enum.Sensitivity.*} in the message bundles. */
public enum Sensitivity {
    L1, L2, L3, L4
}
