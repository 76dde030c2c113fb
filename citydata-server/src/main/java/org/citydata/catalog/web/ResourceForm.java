package org.citydata.catalog.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.FieldType;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ResourceDraft;
import org.citydata.catalog.ResourceType;
import org.citydata.catalog.Sensitivity;
import org.citydata.catalog.ShareMethod;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;

/** The console's resource form as posted: tags and related codes as one text each, fields as indexed rows. */
record ResourceForm(String name, String providerCode, String summary, ResourceType resourceType, Theme theme,
                    DataFormat format, ShareType shareType, String shareCondition, Set<ShareMethod> shareMethods,
                    OpenType openType, String openCondition, UpdateCycle updateCycle, LocalDate releaseDate,
                    String regionCode, String tags, String related, List<FieldRow> fields, Integer version) {

    record FieldRow(String name, String label, FieldType type, Integer length, String description,
                    Sensitivity sensitivity, Boolean key) {}

    /**
     * Where the i-th field of {@link #draft()} stood in the posted table (empty rows are dropped), so an error lands
     * next to the row the person sees.
     */
    int postedIndex(int i) {
        int kept = -1;
        for (int posted = 0; fields != null && posted < fields.size(); posted++) {
            if (fields.get(posted) != null && !isEmpty(fields.get(posted)) && ++kept == i) return posted;
        }
        return i;
    }

    ResourceDraft draft() {
        var specs = new ArrayList<FieldSpec>();
        if (fields != null) for (FieldRow f : fields) {
            if (f == null || isEmpty(f)) continue; // a row the person added and left empty
            specs.add(new FieldSpec(trim(f.name()), f.label(), f.type(), f.length(), f.description(), f.sensitivity(),
                    Boolean.TRUE.equals(f.key())));
        }
        return new ResourceDraft(name, providerCode, summary, resourceType, theme, format, shareType, shareCondition,
                shareMethods, openType, openCondition, updateCycle, releaseDate, trim(regionCode), split(tags), split(related), specs);
    }

    static ResourceForm of(Resource r) {
        var d = r.metadata();
        return new ResourceForm(d.name(), d.providerCode(), d.summary(), d.resourceType(), d.theme(), d.format(),
                d.shareType(), d.shareCondition(), d.shareMethods(), d.openType(), d.openCondition(), d.updateCycle(),
                d.releaseDate(), d.regionCode(), String.join("、", d.tags()), String.join(", ", d.related()),
                d.fields().stream().map(f -> new FieldRow(f.name(), f.label(), f.type(), f.length(), f.description(),
                        f.sensitivity(), f.key())).toList(), r.version());
    }

    static ResourceForm empty(String providerCode) {
        return new ResourceForm("", providerCode, "", ResourceType.DEPARTMENTAL, null, DataFormat.DATABASE,
                ShareType.UNCONDITIONAL, "", Set.of(ShareMethod.API), OpenType.CLOSED, "", UpdateCycle.MONTHLY, null, "", "",
                "", List.of(new FieldRow("", "", FieldType.STRING, 50, "", Sensitivity.L1, true)), null);
    }

    private static boolean isEmpty(FieldRow f) {
        return blank(f.name()) && blank(f.label()) && blank(f.description());
    }

    private static List<String> split(String s) {
        if (blank(s)) return List.of();
        return Arrays.stream(s.split("\\s*[,，、;；]\\s*")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
