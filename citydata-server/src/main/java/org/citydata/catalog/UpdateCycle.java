package org.citydata.catalog;

/** 更新周期. Labels: {@code enum.UpdateCycle.*} in the message bundles. */
public enum UpdateCycle {
    REAL_TIME, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY, IRREGULAR
}
