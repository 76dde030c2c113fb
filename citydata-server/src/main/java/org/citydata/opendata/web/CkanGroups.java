package org.citydata.opendata.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.citydata.catalog.Theme;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.opendata.OpenData;
import org.citydata.opendata.Openings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * CKAN's organizations and groups. An organization is a department that provides at least one published dataset (a
 * department that opens nothing is no publisher here, and the organisation tree is not public); its name is its code
 * in lower case, its title its Chinese name. A group is a theme of the catalog (主题分类), all twelve always listed;
 * its name is the theme's in lower case ({@code health}), its title the Chinese label. Titles stay Chinese whatever
 * the request's language, so a harvested copy does not depend on who harvested it; the English name is the
 * description.
 */
@Component
class CkanGroups {

    /** CKAN's ckan.group_and_organization_list_max. */
    static final int MAX_LIST = 1000;

    private final Departments departments;
    private final Openings openings;
    private final OpenData openData;
    private final MessageSource messages;

    CkanGroups(Departments departments, Openings openings, OpenData openData, MessageSource messages) {
        this.departments = departments;
        this.openings = openings;
        this.openData = openData;
        this.messages = messages;
    }

    /** A CKAN group or organization dict; {@code package_count} only where CKAN gives it (lists, show). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Group(String id, String name, String title, String displayName, String description, String type, boolean isOrganization,
                 String imageUrl, String imageDisplayUrl, String created, String approvalStatus, String state,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Integer packageCount) {}

    Group organization(Department d, Integer packageCount) {
        return new Group(d.code(), d.code().toLowerCase(Locale.ROOT), d.nameZh(), d.nameZh(), d.nameEn() == null ? "" : d.nameEn(),
                "organization", true, "", "", null, "approved", "active", packageCount);
    }

    Group group(Theme theme, Integer packageCount) {
        String name = theme.name().toLowerCase(Locale.ROOT);
        String title = themeTitle(theme);
        return new Group(name, name, title, title, messages.getMessage("enum.Theme." + theme.name(), null, theme.name(), Locale.ENGLISH),
                "group", false, "", "", null, "approved", "active", packageCount);
    }

    String themeTitle(Theme theme) {
        return messages.getMessage("enum.Theme." + theme.name(), null, theme.name(), Locale.SIMPLIFIED_CHINESE);
    }

    static Optional<Theme> theme(String name) {
        return Arrays.stream(Theme.values()).filter(t -> t.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
    }

    // ------------------------------------------------------------------ actions

    /** organization_list: names, or dicts with {@code all_fields}; sort, limit, offset as CKAN takes them. */
    Result<List<?>> organizationList(CkanParams params) {
        return list(params, publishers().entrySet().stream().map(e -> organization(e.getKey(), e.getValue())).toList());
    }

    /** organization_show: by id or name; a department that provides no published dataset is not found. */
    Result<Group> organizationShow(CkanParams params) {
        String id = params.required("id");
        return params.checked(() -> publishers().entrySet().stream()
                .filter(e -> e.getKey().code().equalsIgnoreCase(id)).findFirst()
                .map(e -> Result.ok(organization(e.getKey(), e.getValue())))
                .orElseGet(() -> Result.failure(Problem.notFound("CKAN_ORGANIZATION_NOT_FOUND", id))));
    }

    /** group_list: the themes' names, or dicts with {@code all_fields}. */
    Result<List<?>> groupList(CkanParams params) {
        var counts = themeCounts();
        return list(params, Arrays.stream(Theme.values()).map(t -> group(t, counts.getOrDefault(t, 0))).toList());
    }

    /** group_show: a theme by name. */
    Result<Group> groupShow(CkanParams params) {
        String id = params.required("id");
        return params.checked(() -> theme(id).map(t -> Result.ok(group(t, themeCounts().getOrDefault(t, 0))))
                .orElseGet(() -> Result.failure(Problem.notFound("CKAN_GROUP_NOT_FOUND", id))));
    }

    /** Departments with published datasets, and how many each. */
    private Map<Department, Integer> publishers() {
        var counts = openings.publishedPerProvider();
        var out = new java.util.LinkedHashMap<Department, Integer>();
        departments.all().stream().filter(d -> counts.containsKey(d.id())).forEach(d -> out.put(d, counts.get(d.id()).intValue()));
        return out;
    }

    private Map<Theme, Integer> themeCounts() {
        var counts = new java.util.EnumMap<Theme, Integer>(Theme.class);
        openData.all().forEach(m -> counts.merge(m.hit().theme(), 1, Integer::sum));
        return counts;
    }

    /**
     * CKAN's list of groups: {@code sort} one of name, title, package_count with asc or desc (default {@code title asc};
     * {@code package_count} alone is descending), {@code limit} (at most 1,000) and {@code offset}; names unless
     * {@code all_fields}.
     */
    private Result<List<?>> list(CkanParams params, List<Group> groups) {
        boolean allFields = params.bool("all_fields", false);
        int limit = params.natural("limit", MAX_LIST, MAX_LIST);
        int offset = params.natural("offset", 0, Integer.MAX_VALUE);
        var order = order(params);
        return params.checked(() -> {
            var sorted = new ArrayList<>(groups);
            sorted.sort(order);
            var page = sorted.subList(Math.min(offset, sorted.size()), (int) Math.min((long) offset + limit, sorted.size()));
            return Result.ok(allFields ? List.copyOf(page) : page.stream().map(Group::name).toList());
        });
    }

    private static Comparator<Group> order(CkanParams params) {
        String sort = params.text("sort");
        String text = sort == null ? "title asc" : sort.strip().toLowerCase(Locale.ROOT);
        if (text.equals("packages") || text.equals("package_count")) text = "package_count desc";
        var parts = text.split("\\s+");
        Comparator<Group> order = switch (parts[0]) {
            case "name" -> Comparator.comparing(Group::name);
            case "title" -> Comparator.comparing(Group::title);
            case "package_count" -> Comparator.comparing(Group::packageCount);
            default -> null;
        };
        boolean known = order != null && parts.length <= 2 && (parts.length == 1 || parts[1].equals("asc") || parts[1].equals("desc"));
        if (!known) {
            params.violation("sort", "ckan.sort", sort, "name, title, package_count (asc, desc)");
            return Comparator.comparing(Group::name);
        }
        if (parts.length == 2 && parts[1].equals("desc")) order = order.reversed();
        return order.thenComparing(Group::name);
    }
}
