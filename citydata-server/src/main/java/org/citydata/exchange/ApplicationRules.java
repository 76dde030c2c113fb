package org.citydata.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.ShareType;
import org.citydata.kernel.Violation;
import org.citydata.kernel.privacy.Masking;
import org.citydata.kernel.quality.ValueKind;
import org.citydata.privacy.MaskingChoices;

/**
 * The validator chains of an application and of an approval: every broken rule becomes one violation naming the
 * property, so a form can show each next to its input. Pure functions of their arguments.
 */
final class ApplicationRules {

    static final int MAX_TEXT = 500;
    static final int MAX_NOTE = 1000;
    static final int MAX_DAILY_CALLS = 10_000_000;
    static final int MAX_RATE = 1_000_000;
    static final long MAX_QUOTA = 1_000_000_000L;
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{5,30}");

    private ApplicationRules() {}

    /** {@code fields} are the resource's, or null when the resource is unknown (its field checks are then skipped). */
    static List<Violation> checkForm(ApplicationForm form, List<FieldSpec> fields, ShareType shareType,
                                     Set<Long> ownApplications, LocalDate today) {
        var v = new ArrayList<Violation>();
        if (form.fields() == null || form.fields().isEmpty()) v.add(Violation.of("fields", "required"));
        else if (fields != null) {
            var known = fields.stream().map(FieldSpec::name).collect(Collectors.toSet());
            var seen = new HashSet<String>();
            for (int i = 0; i < form.fields().size(); i++) {
                String name = form.fields().get(i);
                if (name == null || !known.contains(name)) v.add(Violation.of("fields[" + i + "]", "field.unknown", String.valueOf(name)));
                else if (!seen.add(name)) v.add(Violation.of("fields[" + i + "]", "field.duplicate", name));
            }
        }
        text(v, "purpose", form.purpose(), true, MAX_TEXT);
        // an unconditionally shared resource needs no legal basis: anyone with a purpose may have it
        text(v, "legalBasis", form.legalBasis(), shareType != ShareType.UNCONDITIONAL, MAX_TEXT);
        if (form.periodFrom() == null) v.add(Violation.of("periodFrom", "required"));
        if (form.periodTo() == null) v.add(Violation.of("periodTo", "required"));
        else if (form.periodFrom() != null && form.periodTo().isBefore(form.periodFrom()))
            v.add(Violation.of("periodTo", "period.order", form.periodFrom().toString(), form.periodTo().toString()));
        else if (form.periodTo().isBefore(today)) v.add(Violation.of("periodTo", "period.past", form.periodTo().toString()));
        if (form.dailyCalls() == null) v.add(Violation.of("dailyCalls", "required"));
        else if (form.dailyCalls() < 1 || form.dailyCalls() > MAX_DAILY_CALLS) v.add(Violation.of("dailyCalls", "range", 1, MAX_DAILY_CALLS));
        text(v, "contactName", form.contactName(), true, 50);
        if (blank(form.contactPhone())) v.add(Violation.of("contactPhone", "required"));
        else if (!PHONE.matcher(form.contactPhone().strip()).matches()) v.add(Violation.of("contactPhone", "phone"));
        applications(v, form.applicationIds(), ownApplications, Set.of());
        return v;
    }

    /** An approval checked against the application and the resource's fields now; the terms when nothing is broken. */
    record Checked(List<Violation> violations, GrantTerms terms, List<String> clearL4Fields, String justification, String note) {}

    static Checked checkApproval(Approval approval, ShareApplication asked, List<FieldSpec> fields,
                                 Set<Long> consumerApplications, int defaultRate, long defaultQuota, LocalDate today) {
        var a = approval == null ? Approval.asAsked() : approval;
        var v = new ArrayList<Violation>();
        Map<String, FieldSpec> byName = fields.stream().collect(Collectors.toMap(FieldSpec::name, Function.identity()));
        var requested = a.fields() != null ? a.fields() : asked.fields().stream()
                .collect(LinkedHashMap<String, String>::new, (m, f) -> m.put(f, null), Map::putAll);
        var granted = new LinkedHashMap<String, Masking>();
        var clearL4 = new ArrayList<String>();
        if (requested.isEmpty()) v.add(Violation.of("fields", "required"));
        requested.forEach((name, text) -> {
            String at = "fields." + name;
            if (!asked.fields().contains(name)) {
                v.add(Violation.of(at, "field.not_asked", name));
                return;
            }
            var field = byName.get(name);
            if (field == null) { // removed from the catalog since the application came in
                v.add(Violation.of(at, "field.unknown", name));
                return;
            }
            var kind = ValueKind.valueOf(field.type().name());
            String level = field.sensitivity() == null ? null : field.sensitivity().name();
            Masking rule;
            if (blank(text)) rule = MaskingChoices.defaultFor(kind, level);
            else {
                var parsed = Masking.parse(text);
                if (!parsed.succeeded()) {
                    v.add(new Violation(at, parsed.problem().code(), parsed.problem().args()));
                    return;
                }
                rule = parsed.value();
            }
            if (!MaskingChoices.fits(rule, kind)) {
                v.add(Violation.of(at, "masking.unfit", rule.text(), field.type().name()));
                return;
            }
            if (MaskingChoices.needsConfirmation(rule, level)) clearL4.add(name);
            granted.put(name, rule);
        });
        String justification = blank(a.clearJustification()) ? null : a.clearJustification().strip();
        if (!clearL4.isEmpty()) {
            // L4 never leaves in clear without a person saying so, and why, in writing
            if (!Boolean.TRUE.equals(a.confirmClearL4()))
                v.add(Violation.of("confirmClearL4", "masking.l4_clear_unconfirmed", String.join(", ", clearL4)));
            if (justification == null) v.add(Violation.of("clearJustification", "required"));
        }
        if (justification != null && justification.length() > MAX_NOTE) v.add(Violation.of("clearJustification", "too_long", MAX_NOTE));
        var from = a.validFrom() != null ? a.validFrom() : asked.periodFrom();
        var until = a.validUntil() != null ? a.validUntil() : asked.periodTo();
        if (from.isBefore(asked.periodFrom()))
            v.add(Violation.of("validFrom", "validity.outside", asked.periodFrom().toString(), asked.periodTo().toString()));
        if (until.isAfter(asked.periodTo()))
            v.add(Violation.of("validUntil", "validity.outside", asked.periodFrom().toString(), asked.periodTo().toString()));
        else if (until.isBefore(from)) v.add(Violation.of("validUntil", "period.order", from.toString(), until.toString()));
        else if (until.isBefore(today)) v.add(Violation.of("validUntil", "period.past", until.toString()));
        int rate = a.ratePerMinute() != null ? a.ratePerMinute() : defaultRate;
        if (rate < 1 || rate > MAX_RATE) v.add(Violation.of("ratePerMinute", "range", 1, MAX_RATE));
        long quota = a.dailyRowQuota() != null ? a.dailyRowQuota() : defaultQuota;
        if (quota < 1 || quota > MAX_QUOTA) v.add(Violation.of("dailyRowQuota", "range", 1, MAX_QUOTA));
        var apps = a.applicationIds() == null || a.applicationIds().isEmpty() ? List.copyOf(asked.applicationIds()) : a.applicationIds();
        applications(v, apps, consumerApplications, asked.applicationIds());
        String note = blank(a.note()) ? null : a.note().strip();
        if (note != null && note.length() > MAX_NOTE) v.add(Violation.of("note", "too_long", MAX_NOTE));
        var inCatalogOrder = new LinkedHashMap<String, Masking>(); // as the catalog lists them, however the approval sent them
        fields.forEach(f -> { if (granted.containsKey(f.name())) inCatalogOrder.put(f.name(), granted.get(f.name())); });
        var terms = v.isEmpty() ? new GrantTerms(inCatalogOrder, from, until, rate, quota, new LinkedHashSet<>(apps)) : null;
        return new Checked(List.copyOf(v), terms, List.copyOf(clearL4), clearL4.isEmpty() ? null : justification, note);
    }

    /** Each named application must be one of the department's exchange applications and, when some were asked, one of those. */
    private static void applications(List<Violation> v, List<Long> ids, Set<Long> allowed, Set<Long> asked) {
        if (ids == null) return;
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null || !allowed.contains(id)) v.add(Violation.of("applicationIds[" + i + "]", "application.unknown", String.valueOf(id)));
            else if (!asked.isEmpty() && !asked.contains(id)) v.add(Violation.of("applicationIds[" + i + "]", "application.not_asked", id));
        }
    }

    /** A required note: the reason of a refusal, the note of a return. */
    static List<Violation> reason(String field, String text) {
        var v = new ArrayList<Violation>();
        text(v, field, text, true, MAX_NOTE);
        return v;
    }

    static void text(List<Violation> v, String field, String value, boolean required, int max) {
        if (blank(value)) {
            if (required) v.add(Violation.of(field, "required"));
        } else if (value.strip().length() > max) v.add(Violation.of(field, "too_long", max));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String strip(String s) {
        return blank(s) ? null : s.strip();
    }
}
