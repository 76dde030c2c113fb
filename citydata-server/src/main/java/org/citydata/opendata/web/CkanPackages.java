package org.citydata.opendata.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.citydata.datastore.ExportFormat;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.citydata.kernel.Result;
import org.citydata.opendata.Licence;
import org.citydata.opendata.OpenData;
import org.citydata.opendata.OpenDataset;
import org.citydata.opendata.Opening;
import org.citydata.opendata.Openings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * CKAN's packages: a package is a published opening's dataset. Its {@code id} is the resource code, its {@code name}
 * the code in lower case (CKAN names are lower-case slugs; both are stable for as long as the dataset exists), its
 * organization the providing department, its one group the catalog theme. It has one resource per download format;
 * the CSV one, whose id is the dataset's code, is {@code datastore_active}: {@code datastore_search} reads it.
 */
@Component
class CkanPackages {

    /** CKAN writes times as UTC without a zone, to the microsecond. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    /** The download formats, each a resource; the first is the one the datastore search reads. */
    enum Format {
        CSV(ExportFormat.CSV, "CSV", ""), XLSX(ExportFormat.XLSX, "XLSX", "-xlsx"), JSON(ExportFormat.JSON, "JSON", "-json"),
        JSONL(ExportFormat.JSONL, "JSON Lines", "-jsonl");

        final ExportFormat export;
        final String label;
        final String idSuffix;

        Format(ExportFormat export, String label, String idSuffix) {
            this.export = export;
            this.label = label;
            this.idSuffix = idSuffix;
        }

        /** The media type without parameters ({@code text/csv}, not {@code text/csv;charset=UTF-8}). */
        String mimetype() {
            return export.contentType().split(";")[0];
        }
    }

    /** A package dict as CKAN 2.10 and 2.11 give it; nulls are written, as CKAN writes them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Package(String id, String name, String title, String notes, String type, String state,
                   @JsonProperty("private") boolean privateDataset, boolean isopen, String licenseId, String licenseTitle,
                   String licenseUrl, String author, String authorEmail, String maintainer, String maintainerEmail,
                   String url, String version, String metadataCreated, String metadataModified, String creatorUserId,
                   String ownerOrg, CkanGroups.Group organization, List<CkanGroups.Group> groups, List<Tag> tags, int numTags,
                   List<Resource> resources, int numResources, List<Extra> extras, List<Object> relationshipsAsSubject,
                   List<Object> relationshipsAsObject) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Resource(String id, String packageId, String name, String description, String format, String mimetype,
                    String url, String urlType, String state, int position, String created, String lastModified,
                    String metadataModified, boolean datastoreActive, Long size, String hash, String resourceType) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Tag(String id, String name, String displayName, String state, String vocabularyId) {}

    record Extra(String key, String value) {}

    private final OpenData openData;
    private final Openings openings;
    private final Departments departments;
    private final CkanGroups groups;

    CkanPackages(OpenData openData, Openings openings, Departments departments, CkanGroups groups) {
        this.openData = openData;
        this.openings = openings;
        this.departments = departments;
        this.groups = groups;
    }

    // ------------------------------------------------------------------ actions

    /** package_list: every published dataset's name, in name order; {@code limit} and {@code offset}. */
    Result<List<String>> list(CkanParams params) {
        Integer limit = params.has("limit") ? params.natural("limit", 0, Integer.MAX_VALUE) : null;
        int offset = params.natural("offset", 0, Integer.MAX_VALUE);
        return params.checked(() -> Result.ok(openings.published().newestFirst().stream().map(o -> name(o.resourceCode())).sorted()
                .skip(offset).limit(limit == null ? Long.MAX_VALUE : limit).toList()));
    }

    /** package_show: by id or name; anything not published now is not found ({@code OPENDATA_NOT_FOUND}). */
    Result<Package> show(CkanParams params, String base) {
        String id = params.required("id");
        return params.checked(() -> openData.dataset(code(id), Locale.SIMPLIFIED_CHINESE)
                .map(d -> dict(d, departments.findByCode(d.providerCode()).orElseThrow(), base)));
    }

    // ------------------------------------------------------------------ the shape

    /** The resource code a package id or name stands for: names are codes in lower case. */
    static String code(String idOrName) {
        return idOrName == null ? "" : idOrName.strip().toUpperCase(Locale.ROOT);
    }

    static String name(String code) {
        return code.toLowerCase(Locale.ROOT);
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().format(TIME);
    }

    /** The later of the catalog entry's last change and the publication: a newly opened dataset is new to a harvester. */
    static OffsetDateTime modified(OffsetDateTime catalogUpdated, OffsetDateTime published) {
        if (catalogUpdated == null) return published;
        return published == null || catalogUpdated.isAfter(published) ? catalogUpdated : published;
    }

    static String licenceTitle(Licence licence) {
        return switch (licence) {
            case CC_BY_4_0 -> "Creative Commons Attribution 4.0 International";
            case CC_BY_SA_4_0 -> "Creative Commons Attribution Share-Alike 4.0 International";
            case CC0_1_0 -> "Creative Commons CC0 1.0 Universal";
            case ODC_BY_1_0 -> "Open Data Commons Attribution License 1.0";
        };
    }

    static Licence licence(Opening opening) {
        return Licence.of(opening.licence()).orElse(Licence.CC_BY_4_0); // as OpenData describes it
    }

    /** The package dict of a published dataset; {@code base} is the platform's address, for the download URLs. */
    Package dict(OpenDataset d, Department provider, String base) {
        String created = time(d.publishedAt());
        String modified = time(modified(d.metadataUpdatedAt(), d.publishedAt()));
        var resources = new ArrayList<Resource>();
        for (var f : Format.values()) {
            resources.add(new Resource(d.code() + f.idSuffix, d.code(), d.name() + " (" + f.label + ")", "", f.name(), f.mimetype(),
                    base + "/api/open/v1/datasets/" + d.code() + "/download?format=" + f.export.extension(), null, "active",
                    f.ordinal(), created, time(d.dataUpdatedAt()), modified, f == Format.CSV, null, "", null));
        }
        var tags = d.tags().stream().map(t -> new Tag(t, t, t, "active", null)).toList();
        var extras = new ArrayList<Extra>();
        extras.add(new Extra("open_type", d.openType().name()));
        if (d.openCondition() != null) extras.add(new Extra("open_condition", d.openCondition()));
        extras.add(new Extra("update_cycle", d.updateCycle().name()));
        if (d.releaseDate() != null) extras.add(new Extra("release_date", d.releaseDate().toString()));
        if (d.version() != null) extras.add(new Extra("data_version", d.version().toString()));
        if (d.rows() != null) extras.add(new Extra("data_rows", d.rows().toString()));
        if (d.dataUpdatedAt() != null) extras.add(new Extra("data_updated", time(d.dataUpdatedAt())));
        return new Package(d.code(), name(d.code()), d.name(), d.summary(), "dataset", "active", false, true, d.licence().id,
                licenceTitle(d.licence()), d.licence().uri, provider.nameZh(), null, null, null,
                base + "/api/open/v1/datasets/" + d.code(), d.version() == null ? null : d.version().toString(), created, modified,
                null, provider.code(), groups.organization(provider, null), List.of(groups.group(d.theme(), null)), tags, tags.size(),
                List.copyOf(resources), resources.size(), List.copyOf(extras), List.of(), List.of());
    }
}
