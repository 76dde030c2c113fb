package org.citydata.catalog;

/** 数据格式: how the provider holds the data. Labels: {@code enum.DataFormat.*} in the message bundles. */
public enum DataFormat {
    DATABASE, SPREADSHEET, API, DOCUMENT, IMAGE, GEOSPATIAL
}
