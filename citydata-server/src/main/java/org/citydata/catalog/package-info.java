/**
 * 政务数据资源目录: every data resource each department holds, with its fields, sharing and opening terms, the
 * history of its metadata, XLSX import/export and Chinese full-text search with facets.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package org.citydata.catalog;
