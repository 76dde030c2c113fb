/**
 * 数据质量: rules, checks, scores and issue reports with their correction loop. First of them, 多元校核: where another
 * resource holds the same data item as its authoritative source (一数一源), the two are compared by key and the
 * conflicts reported to both departments.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Quality")
package org.citydata.quality;
