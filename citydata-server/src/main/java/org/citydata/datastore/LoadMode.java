package org.citydata.datastore;

/** How a load's rows make the new version: they replace the data, are added to it, or replace rows by key. */
public enum LoadMode {
    REPLACE, APPEND, UPSERT
}
