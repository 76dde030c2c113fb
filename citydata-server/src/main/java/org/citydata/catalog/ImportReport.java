package org.citydata.catalog;

import java.util.List;

/**
 * What an XLSX import did: rows read, resources created (their codes) and, for every rejected value, the sheet, row
 * and column with the rule it broke. With errors and without "valid rows only", nothing was imported.
 */
public record ImportReport(int rowsRead, List<String> created, List<RowError> errors, boolean validOnly) {

    public record RowError(String sheet, int row, String column, String code, List<Object> args) {}

    public boolean imported() {
        return !created.isEmpty();
    }
}
