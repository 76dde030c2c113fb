/**
 * 治理: the department scoreboard, indicators, dashboards and alerts, read from what the other modules record. First
 * of them, 数据汇聚: how much of the published catalog has data, for the city and each department.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Governance")
package org.citydata.governance;
