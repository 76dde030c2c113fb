package org.citydata.catalog.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.ResourceDraft;
import org.citydata.catalog.Sensitivity;
import org.citydata.catalog.ShareType;
import org.citydata.kernel.Violation;
import org.citydata.kernel.id.ResourceCode;
import org.citydata.platform.reference.Regions;
import org.springframework.stereotype.Component;

/**
 * The declared rules of a catalog entry, each naming the property it checks, so a form, an import row and an API
 * body get the same answer. Rules that need the database (provider exists, related codes exist) take a lookup.
 */
@Component
public class ResourceValidator {

    static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    static final int MAX_FIELDS = 500;

    private final Regions regions;

    ResourceValidator(Regions regions) {
        this.regions = regions;
    }

    /** What the rules need to know about the rest of the catalog. */
    public interface Lookups {
        boolean departmentExists(String code);

        boolean resourceExists(String code);
    }

    public List<Violation> validate(ResourceDraft d, String ownCode, Lookups lookups) {
        var v = new ArrayList<Violation>();
        text(v, "name", d.name(), true, 100);
        if (blank(d.providerCode())) v.add(Violation.of("providerCode", "required"));
        else if (!lookups.departmentExists(d.providerCode())) v.add(Violation.of("providerCode", "department.unknown", d.providerCode()));
        text(v, "summary", d.summary(), true, 2000);
        required(v, "resourceType", d.resourceType());
        required(v, "theme", d.theme());
        required(v, "format", d.format());
        required(v, "shareType", d.shareType());
        required(v, "openType", d.openType());
        required(v, "updateCycle", d.updateCycle());

        // 有条件共享 and 不予共享 must state their basis (the catalog guide requires it)
        boolean needsBasis = d.shareType() == ShareType.CONDITIONAL || d.shareType() == ShareType.NONE;
        if (needsBasis && blank(d.shareCondition())) v.add(Violation.of("shareCondition", "share.basis_required"));
        text(v, "shareCondition", d.shareCondition(), false, 1000);
        if (d.shareType() != null && d.shareType() != ShareType.NONE && d.shareMethods().isEmpty())
            v.add(Violation.of("shareMethods", "share.method_required"));
        if (d.openType() == OpenType.CONDITIONAL && blank(d.openCondition()))
            v.add(Violation.of("openCondition", "open.condition_required"));
        text(v, "openCondition", d.openCondition(), false, 1000);
        if (d.shareType() == ShareType.NONE && d.openType() != null && d.openType() != OpenType.CLOSED)
            v.add(Violation.of("openType", "open.requires_share"));
        if (d.openType() == OpenType.OPEN && d.fields().stream().anyMatch(f -> f != null && f.sensitivity() == Sensitivity.L4))
            v.add(Violation.of("openType", "open.core_data"));

        if (!blank(d.regionCode()) && regions.find(d.regionCode()).isEmpty())
            v.add(Violation.of("regionCode", "region.unknown", d.regionCode()));
        if (d.tags().size() > 10) v.add(Violation.of("tags", "too_many", 10));
        for (int i = 0; i < d.tags().size(); i++) text(v, "tags[" + i + "]", d.tags().get(i), true, 20);
        var relatedSeen = new HashSet<String>();
        for (int i = 0; i < d.related().size(); i++) {
            String code = d.related().get(i);
            if (code != null && !relatedSeen.add(code)) v.add(Violation.of("related[" + i + "]", "related.duplicate", code));
            else if (code != null && code.equals(ownCode)) v.add(Violation.of("related[" + i + "]", "related.self"));
            else if (ResourceCode.parse(code).isEmpty()) v.add(Violation.of("related[" + i + "]", "related.malformed", code));
            else if (blank(code) || !lookups.resourceExists(code)) v.add(Violation.of("related[" + i + "]", "related.unknown", code));
        }
        fields(v, d.fields());
        return v;
    }

    private void fields(List<Violation> v, List<FieldSpec> fields) {
        if (fields.isEmpty()) {
            v.add(Violation.of("fields", "fields.required"));
            return;
        }
        if (fields.size() > MAX_FIELDS) v.add(Violation.of("fields", "too_many", MAX_FIELDS));
        var names = new HashSet<String>();
        for (int i = 0; i < fields.size(); i++) {
            String at = "fields[" + i + "]";
            FieldSpec f = fields.get(i);
            if (f == null) {
                v.add(Violation.of(at, "required"));
                continue;
            }
            if (blank(f.name())) v.add(Violation.of(at + ".name", "required"));
            else if (!FIELD_NAME.matcher(f.name()).matches()) v.add(Violation.of(at + ".name", "field.name", f.name()));
            else if (!names.add(f.name())) v.add(Violation.of(at + ".name", "field.duplicate", f.name()));
            text(v, at + ".label", f.label(), true, 50);
            required(v, at + ".type", f.type());
            if (f.type() == FieldType.STRING && f.length() == null) v.add(Violation.of(at + ".length", "field.length_required"));
            if (f.length() != null && (f.length() < 1 || f.length() > 65535)) v.add(Violation.of(at + ".length", "range", 1, 65535));
            text(v, at + ".description", f.description(), false, 500);
            required(v, at + ".sensitivity", f.sensitivity());
        }
        if (fields.stream().noneMatch(f -> f != null && f.key())) v.add(Violation.of("fields", "fields.key_required"));
    }

    private static void required(List<Violation> v, String field, Object value) {
        if (value == null) v.add(Violation.of(field, "required"));
    }

    private static void text(List<Violation> v, String field, String value, boolean required, int max) {
        if (blank(value)) {
            if (required) v.add(Violation.of(field, "required"));
        } else if (value.strip().length() > max) {
            v.add(Violation.of(field, "too_long", max));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

}
