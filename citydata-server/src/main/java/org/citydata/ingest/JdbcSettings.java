package org.citydata.ingest;

/**
 * A department database: its JDBC URL (PostgreSQL, MySQL or MariaDB), the user to sign in as (the password is the
 * source's sealed secret), a table or a SELECT query, and for incremental sync the column whose growth marks new rows.
 */
public record JdbcSettings(String url, String username, String table, String query, String watermarkColumn) {}
