package org.citydata.identity;

/** What a user may do beyond reading the published catalog. A user with no role is a plain department member. */
public enum Role {
    /** 平台管理员 (大数据局): everything, for every department. */
    PLATFORM_ADMIN,
    /** 部门管理员: the department's users, tokens and resources. */
    DEPT_ADMIN,
    /** 部门数据专员: the department's resources. */
    DATA_OFFICER,
    /** 审计: reads everything, changes nothing. */
    AUDITOR,
    /**
     * 部门应用 (token scope {@code EXCHANGE} only, never a person's role): calls the exchange API under its department's
     * grants. It borrows no officer's power: an application may read what was granted, not answer applications.
     */
    EXCHANGE_CLIENT
}
