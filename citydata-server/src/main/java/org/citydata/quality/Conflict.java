package org.citydata.quality;

/** One key whose value in the holder differs from the authoritative one (a missing or blank value differs too). */
public record Conflict(String key, String authoritativeValue, String otherValue) {}
