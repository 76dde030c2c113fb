package org.citydata.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Everything a department states about a resource: what a form, an import row or an API body carries. Checked by
 * the catalog's validator; the code, status and version are the catalog's to assign.
 */
public record ResourceDraft(
        String name,
        String providerCode,
        String summary,
        ResourceType resourceType,
        Theme theme,
        DataFormat format,
        ShareType shareType,
        String shareCondition,
        Set<ShareMethod> shareMethods,
        OpenType openType,
        String openCondition,
        UpdateCycle updateCycle,
        LocalDate releaseDate,
        String regionCode,
        List<String> tags,
        List<String> related,
        List<FieldSpec> fields) {

    public ResourceDraft {
        shareMethods = shareMethods == null ? Set.of() : Set.copyOf(shareMethods);
        tags = tags == null ? List.of() : List.copyOf(tags);
        related = related == null ? List.of() : List.copyOf(related);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
