package org.citydata.opendata.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.citydata.audit.AccessRecord.Channel;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.Resource;
import org.citydata.catalog.Sensitivity;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.ReadTerms;
import org.citydata.datastore.RowQuery;
import org.citydata.datastore.ValueGroup;
import org.citydata.identity.Actor;
import org.citydata.kernel.Result;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.privacy.PiiDetector;
import org.citydata.kernel.privacy.PiiKind;
import org.citydata.kernel.privacy.SensitivityDefaults;
import org.citydata.kernel.quality.ValueKind;
import org.citydata.opendata.RiskAssessment;
import org.citydata.opendata.RiskAssessment.Finding;
import org.citydata.opendata.RiskAssessment.KAnonymity;
import org.springframework.stereotype.Component;

/**
 * The automatic risk assessment of an opening, on the resource's current data. The platform reads it in clear for
 * this purpose only ({@value #PURPOSE}, recorded in the access log like any read): a sample of 1,000 rows for
 * personal-data detection, and the row counts of every combination of quasi-identifier values for k-anonymity.
 *
 * <p>When some combinations are rarer than k, it searches for a generalization that reaches k: one step at a time it
 * coarsens the quasi-identifier whose next step leaves the fewest rows in too-small classes (dates: month, year, age
 * band of ten years, nothing; region codes: four digits, two, nothing; anything else: nothing).
 */
@Component
public class RiskAssessor {

    public static final String PURPOSE = "开放风险评估";
    static final int SAMPLE_ROWS = 1_000;
    private static final int PAGE = 500;
    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}|\\d{9}|\\d{12}");
    /** Personal data that must never be opened in clear; credit codes identify companies and are public registrations. */
    private static final List<PiiKind> PERSONAL = List.of(PiiKind.RESIDENT_ID, PiiKind.MOBILE, PiiKind.EMAIL, PiiKind.BANK_CARD);

    private final Datastore datastore;
    private final Masker masker;

    RiskAssessor(Datastore datastore, Masker masker) {
        this.datastore = datastore;
        this.masker = masker;
    }

    /** What an opening of {@code fields} (masking per field) with these quasi-identifiers and k would let out. */
    public Result<RiskAssessment> assess(Resource resource, Map<String, Masking> fields, List<String> quasiIdentifiers, int k,
                                         long openingId, Actor asking, String requestId) {
        var known = resource.metadata().fields().stream().map(FieldSpec::name).toList();
        var gone = java.util.stream.Stream.concat(fields.keySet().stream(), quasiIdentifiers.stream()).filter(f -> !known.contains(f))
                .distinct().toList();
        if (!gone.isEmpty()) // the catalog entry changed under the opening: it must be revised before anything is read
            return Result.failure(org.citydata.kernel.Problem.conflict("OPENDATA_FIELD_GONE", String.join(", ", gone)));
        var clear = new LinkedHashMap<String, Masking>();
        fields.keySet().forEach(f -> clear.put(f, Masking.CLEAR));
        var terms = new ReadTerms(Actor.system(resource.providerId()), Channel.PLATFORM, PURPOSE, asking.signature(), requestId,
                openingId, clear);
        var sample = sample(terms, resource.code());
        if (!sample.succeeded()) return Result.failure(sample.problem());
        var catalogFields = new LinkedHashMap<String, FieldSpec>();
        resource.metadata().fields().forEach(f -> catalogFields.put(f.name(), f));

        var findings = new ArrayList<Finding>();
        int sampled = 0;
        for (var entry : fields.entrySet()) {
            var field = catalogFields.get(entry.getKey());
            var rule = entry.getValue();
            var values = sample.value().columns().getOrDefault(entry.getKey(), List.of());
            sampled = Math.max(sampled, values.size());
            var detection = PiiDetector.detect(values);
            var detected = detection.kind().or(() -> PiiKind.of(ValueKind.valueOf(field.type().name())));
            if (detected.isPresent() && PERSONAL.contains(detected.get())) {
                var kind = detected.get();
                if (Masking.CLEAR.equals(rule))
                    findings.add(new Finding("PII_IN_CLEAR", true, field.name(),
                            List.of(kind.name(), percent(detection.share())), safeRule(kind).text()));
                else if (rule instanceof Masking.Hash || rule instanceof Masking.FormatPreserving)
                    findings.add(new Finding("PSEUDONYM", false, field.name(), List.of(kind.name()), safeRule(kind).text()));
            } else if (detected.orElse(null) == PiiKind.CREDIT_CODE && Masking.CLEAR.equals(rule)) {
                findings.add(new Finding("COMPANY_CODE", false, field.name(), List.of(), null));
            }
            var level = field.sensitivity() == null ? Sensitivity.L4 : field.sensitivity();
            if (Masking.CLEAR.equals(rule) && level.compareTo(Sensitivity.L3) >= 0
                    && findings.stream().noneMatch(f -> f.blocks() && f.field().equals(field.name())))
                findings.add(new Finding("SENSITIVE_IN_CLEAR", true, field.name(), List.of(level.name()),
                        Datastore.defaultMasking(field).text()));
        }

        KAnonymity kAnonymity = null;
        if (!quasiIdentifiers.isEmpty()) {
            var groups = datastore.groups(terms, resource.code(), quasiIdentifiers);
            if (!groups.succeeded()) return Result.failure(groups.problem());
            var kinds = quasiIdentifiers.stream().map(q -> ValueKind.valueOf(catalogFields.get(q).type().name())).toList();
            var regions = quasiIdentifiers.stream().map(q -> looksLikeRegionCodes(sample.value().columns().getOrDefault(q, List.of()))).toList();
            var current = quasiIdentifiers.stream().map(fields::get).toList();
            kAnonymity = kAnonymity(groups.value(), quasiIdentifiers, kinds, regions, current, k);
            long rows = groups.value().stream().mapToLong(ValueGroup::rows).sum();
            if (rows < k) findings.add(new Finding("TOO_FEW_ROWS", true, null, List.of(Long.toString(rows), Integer.toString(k)), null));
            else if (!kAnonymity.met())
                findings.add(new Finding("K_ANONYMITY", true, String.join(",", quasiIdentifiers),
                        List.of(Integer.toString(k), Long.toString(kAnonymity.smallestClass()), Long.toString(kAnonymity.classesBelowK()),
                                Long.toString(kAnonymity.rowsBelowK())),
                        kAnonymity.suggestion().isEmpty() ? null : suggestionText(kAnonymity.suggestion())));
        }
        return Result.ok(new RiskAssessment(sample.value().version(), sample.value().rows(), sampled, OffsetDateTime.now(), findings,
                kAnonymity));
    }

    /** The masking that makes personal data of this kind safe to open: nothing of the value itself. */
    static Masking safeRule(PiiKind kind) {
        return kind == PiiKind.MOBILE ? new Masking.Keep(3, 4) : Masking.NULL;
    }

    private record Sample(int version, long rows, Map<String, List<String>> columns) {}

    private Result<Sample> sample(ReadTerms terms, String code) {
        var columns = new LinkedHashMap<String, List<String>>();
        int version = 0;
        long total = 0;
        for (int page = 0; page * PAGE < SAMPLE_ROWS; page++) {
            var read = datastore.read(terms, RowQuery.page(code, null, page, PAGE));
            if (!read.succeeded()) return Result.failure(read.problem());
            var rows = read.value();
            version = rows.version();
            total = rows.total();
            for (var row : rows.rows())
                for (int i = 0; i < rows.fields().size(); i++)
                    columns.computeIfAbsent(rows.fields().get(i), f -> new ArrayList<>()).add(text(row.get(i)));
            if (rows.rows().size() < PAGE) break;
        }
        return Result.ok(new Sample(version, total, columns));
    }

    private KAnonymity kAnonymity(List<ValueGroup> groups, List<String> names, List<ValueKind> kinds, List<Boolean> regions,
                                  List<Masking> current, int k) {
        var measured = measure(groups, kinds, current, k);
        if (measured.classesBelowK == 0)
            return new KAnonymity(names, k, measured.classes, measured.smallest, 0, 0, Map.of(), measured.smallest);
        var rules = new ArrayList<>(current);
        var best = measured;
        while (best.classesBelowK > 0) {
            Measure chosen = null;
            int chosenField = -1;
            Masking chosenRule = null;
            for (int i = 0; i < rules.size(); i++) {
                var next = coarser(rules.get(i), kinds.get(i), regions.get(i));
                if (next == null) continue;
                var trial = new ArrayList<>(rules);
                trial.set(i, next);
                var m = measure(groups, kinds, trial, k);
                if (chosen == null || m.rowsBelowK < chosen.rowsBelowK) {
                    chosen = m;
                    chosenField = i;
                    chosenRule = next;
                }
            }
            if (chosen == null) break; // every quasi-identifier is already nulled
            rules.set(chosenField, chosenRule);
            best = chosen;
        }
        var suggestion = new LinkedHashMap<String, String>();
        if (best.classesBelowK == 0) for (int i = 0; i < names.size(); i++) suggestion.put(names.get(i), rules.get(i).text());
        return new KAnonymity(names, k, measured.classes, measured.smallest, measured.classesBelowK, measured.rowsBelowK,
                suggestion, best.classesBelowK == 0 ? best.smallest : 0);
    }

    private record Measure(long classes, long smallest, long classesBelowK, long rowsBelowK) {}

    private Measure measure(List<ValueGroup> groups, List<ValueKind> kinds, List<Masking> rules, int k) {
        var classes = new HashMap<List<String>, Long>();
        for (var group : groups) {
            var key = new ArrayList<String>(rules.size());
            for (int i = 0; i < rules.size(); i++) {
                String v = group.values().get(i);
                key.add(v == null || Masking.CLEAR.equals(rules.get(i)) ? v : masker.apply(rules.get(i), v, kinds.get(i)));
            }
            classes.merge(key, group.rows(), Long::sum);
        }
        long smallest = Long.MAX_VALUE, below = 0, rowsBelow = 0;
        for (long n : classes.values()) {
            smallest = Math.min(smallest, n);
            if (n < k) {
                below++;
                rowsBelow += n;
            }
        }
        return new Measure(classes.size(), classes.isEmpty() ? 0 : smallest, below, rowsBelow);
    }

    /** The next coarser rule on a quasi-identifier's ladder, or null at its end. */
    static Masking coarser(Masking rule, ValueKind kind, boolean regionCodes) {
        if (rule instanceof Masking.Nullify) return null;
        boolean date = kind == ValueKind.DATE || kind == ValueKind.TIMESTAMP || kind == ValueKind.RESIDENT_ID;
        if (date) {
            if (Masking.CLEAR.equals(rule) && kind != ValueKind.RESIDENT_ID) return Masking.MONTH;
            if (Masking.CLEAR.equals(rule) || rule instanceof Masking.Month) return Masking.YEAR;
            if (rule instanceof Masking.Year) return new Masking.AgeBand(10);
            if (rule instanceof Masking.AgeBand band && band.width() < 10) return new Masking.AgeBand(10);
            return Masking.NULL;
        }
        if (regionCodes) {
            if (Masking.CLEAR.equals(rule) || rule instanceof Masking.Region r && r.digits() > 4) return new Masking.Region(4);
            if (rule instanceof Masking.Region r && r.digits() > 2) return new Masking.Region(2);
        }
        return Masking.NULL;
    }

    private static boolean looksLikeRegionCodes(List<String> values) {
        long nonBlank = values.stream().filter(v -> v != null && !v.isBlank()).count();
        long codes = values.stream().filter(v -> v != null && REGION_CODE.matcher(v.strip()).matches()).count();
        return nonBlank > 0 && codes >= 0.8 * nonBlank;
    }

    static String suggestionText(Map<String, String> suggestion) {
        var parts = new ArrayList<String>();
        suggestion.forEach((field, rule) -> parts.add(field + "=" + rule));
        return String.join(", ", parts);
    }

    private static String percent(double share) {
        return Long.toString(Math.round(share * 100));
    }

    private static String text(Object value) {
        if (value == null) return null;
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
