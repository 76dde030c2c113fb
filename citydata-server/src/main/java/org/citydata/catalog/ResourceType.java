package org.citydata.catalog;

/** 资源类型 after the catalog guide: 基础 / 主题 / 部门; its digit leads the resource code. */
public enum ResourceType {
    BASIC('1'), THEMATIC('2'), DEPARTMENTAL('3');

    public final char digit;

    ResourceType(char digit) {
        this.digit = digit;
    }
}
