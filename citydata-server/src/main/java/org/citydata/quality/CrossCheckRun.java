package org.citydata.quality;

import java.time.OffsetDateTime;

/**
 * One 多元校核 of a data item: its authoritative resource against one holder, as compared when it ran. {@code listed}
 * conflicts are kept (the first ones by key) of {@code conflicts} found.
 */
public record CrossCheckRun(long id, String item, String itemLabel, Side authoritative, Side other, long compared,
                            long conflicts, long onlyInAuthoritative, long onlyInOther, int listed, String runBy,
                            OffsetDateTime runAt) {

    /** A side as compared: resource, the field holding the item, the key field joined on, the data version read. */
    public record Side(String resourceCode, String resourceName, String field, String keyField, String departmentCode,
                       String departmentName, int version) {}
}
