package org.citydata.opendata;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.citydata.catalog.UpdateCycle;

/**
 * 开放质量评分, after uData's quality criteria: what a reuser needs to trust and use a dataset — a description, its
 * documentation (every opened field described), a licence, keywords, a release date, data in open formats, and data
 * updated as often as its cycle promises. Each criterion is met or not; the score is the share met, in percent. Labels:
 * {@code portal.score.<criterion>}.
 */
public record OpennessScore(List<Criterion> criteria) {

    public record Criterion(String name, boolean met) {}

    /** Days a cycle may run late before the data counts as stale: the cycle plus a grace of a third of it (at least a day). */
    static long allowedDays(UpdateCycle cycle) {
        return switch (cycle) {
            case REAL_TIME, DAILY -> 2;
            case WEEKLY -> 9;
            case MONTHLY -> 41;
            case QUARTERLY -> 122;
            case YEARLY -> 487;
            case IRREGULAR -> Long.MAX_VALUE;
        };
    }

    public static OpennessScore of(OpenDataset d, LocalDate today) {
        boolean fresh = d.dataUpdatedAt() != null
                && ChronoUnit.DAYS.between(d.dataUpdatedAt().toLocalDate(), today) <= allowedDays(d.updateCycle());
        return new OpennessScore(List.of(
                new Criterion("description", d.summary() != null && d.summary().strip().length() >= 50),
                new Criterion("documentation", d.fields().stream().allMatch(f -> f.description() != null && !f.description().isBlank())),
                new Criterion("licence", d.licence() != null),
                new Criterion("tags", !d.tags().isEmpty()),
                new Criterion("releaseDate", d.releaseDate() != null),
                // loaded rows are what the portal serves as CSV, XLSX and JSON Lines, whatever the source's own format
                new Criterion("formats", d.rows() != null && d.rows() > 0),
                new Criterion("updateCycle", fresh)));
    }

    public int percent() {
        return (int) Math.round(100.0 * criteria.stream().filter(Criterion::met).count() / criteria.size());
    }
}
