package org.citydata.catalog.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.CatalogSearch;
import org.citydata.catalog.CatalogTransfer;
import org.citydata.catalog.ImportReport;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ResourceDiff;
import org.citydata.catalog.ResourceDraft;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.ResourceVersion;
import org.citydata.catalog.SearchQuery;
import org.citydata.catalog.SearchResult;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "catalog", description = "政务数据资源目录: resources, search, history, import and export")
class CatalogApi {

    private final Catalog catalog;
    private final CatalogSearch search;
    private final CatalogTransfer transfer;
    private final Departments departments;
    private final Messages messages;
    private final JsonMapper json;
    private final org.citydata.catalog.SingleSource singleSource;

    CatalogApi(Catalog catalog, CatalogSearch search, CatalogTransfer transfer, Departments departments, Messages messages,
               JsonMapper json, org.citydata.catalog.SingleSource singleSource) {
        this.catalog = catalog;
        this.search = search;
        this.transfer = transfer;
        this.departments = departments;
        this.messages = messages;
        this.json = json;
        this.singleSource = singleSource;
    }

    /** A resource as the API shows it: identity and life cycle beside the metadata a department edits. */
    record ResourceView(String code, ResourceStatus status, int version, String providerName, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt, ResourceDraft metadata) {}

    record VersionInfo(int version, String changedBy, OffsetDateTime changedAt, String action) {}

    record ImportErrorView(String sheet, int row, String column, String message) {}

    record ImportView(int rowsRead, List<String> created, List<ImportErrorView> errors) {}

    private ResourceView view(Resource r) {
        var provider = departments.find(r.providerId()).orElseThrow();
        return new ResourceView(r.code(), r.status(), r.version(), provider.name(Messages.locale()), r.createdAt(), r.updatedAt(),
                r.metadata());
    }

    @GetMapping("/resources")
    @Operation(summary = "Search the catalog",
            description = "q: words in Chinese or English (segmented); facets provider, theme, shareType, openType, format, "
                    + "updateCycle, status (repeat a parameter to OR values). Drafts of other departments are never returned.")
    SearchResult search(Actor actor, @Parameter(hidden = true) HttpServletRequest request,
                        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return search.search(actor, SearchQuery.fromParams(request.getParameterMap(), page, size));
    }

    @PostMapping("/resources")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a resource as a draft; its code is assigned (classification-provider-sequence)")
    ResourceView create(Actor actor, @RequestBody ResourceDraft draft) {
        return view(unwrap(catalog.create(actor, draft)));
    }

    @GetMapping("/resources/{code}")
    ResourceView get(Actor actor, @PathVariable String code) {
        return view(unwrap(catalog.get(actor, code)));
    }

    @PutMapping("/resources/{code}")
    @Operation(summary = "Replace a resource's metadata; send If-Match with the version you edited to refuse lost updates")
    ResourceView update(Actor actor, @PathVariable String code, @RequestBody ResourceDraft draft,
                        @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return view(unwrap(catalog.update(actor, code, version(ifMatch), draft)));
    }

    @PostMapping("/resources/{code}/publish")
    ResourceView publish(Actor actor, @PathVariable String code) {
        return view(unwrap(catalog.publish(actor, code)));
    }

    @PostMapping("/resources/{code}/retire")
    ResourceView retire(Actor actor, @PathVariable String code) {
        return view(unwrap(catalog.retire(actor, code)));
    }

    @GetMapping("/resources/{code}/history")
    @Operation(summary = "Every version of the resource's metadata, newest first")
    List<VersionInfo> history(Actor actor, @PathVariable String code) {
        return unwrap(catalog.history(actor, code)).stream()
                .map(v -> new VersionInfo(v.version(), v.changedBy(), v.changedAt(), v.action())).toList();
    }

    @GetMapping("/resources/{code}/versions/{version}")
    ResourceVersion version(Actor actor, @PathVariable String code, @PathVariable int version) {
        return unwrap(catalog.version(actor, code, version));
    }

    @GetMapping("/resources/{code}/diff")
    @Operation(summary = "What changed between two versions")
    ResourceDiff diff(Actor actor, @PathVariable String code, @RequestParam int from, @RequestParam int to) {
        return unwrap(catalog.diff(actor, code, from, to));
    }

    @GetMapping("/resources/template.xlsx")
    @Operation(summary = "The XLSX template for compiling a catalog (sheets 资源 and 信息项)")
    void template(HttpServletResponse response) throws IOException {
        attachment(response, "catalog-template.xlsx");
        transfer.template(response.getOutputStream());
    }

    @PostMapping(path = "/resources/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import resources from XLSX as drafts",
            description = "Nothing is imported when any row fails, unless validOnly=true; errors name sheet, row and column.")
    ImportView importXlsx(Actor actor, @RequestPart("file") MultipartFile file,
                          @RequestParam(defaultValue = "false") boolean validOnly) throws IOException {
        ImportReport report;
        try (var in = file.getInputStream()) {
            report = transfer.importXlsx(actor, in, validOnly);
        }
        var view = new ImportView(report.rowsRead(), report.created(), report.errors().stream()
                .map(e -> new ImportErrorView(e.sheet(), e.row(), e.column(),
                        messages.get(e.code(), e.args().toArray())))
                .toList());
        if (!report.errors().isEmpty() && !report.imported())
            throw new ProblemException(Problem.of(Problem.Kind.INVALID, "CATALOG_IMPORT_REJECTED", report.errors().size()),
                    Map.of("report", view));
        return view;
    }

    /** The search parameters select what is exported; the file type is in the path (a "format" parameter is a facet). */
    @GetMapping("/resources/export.{type}")
    @Operation(summary = "Export the resources a search finds (all when no criteria): export.xlsx or export.json")
    void export(Actor actor, @Parameter(hidden = true) HttpServletRequest request, HttpServletResponse response,
                @PathVariable String type) throws IOException {
        var query = SearchQuery.fromParams(request.getParameterMap(), 0, 100);
        switch (type) {
            case "xlsx" -> {
                attachment(response, "catalog.xlsx");
                transfer.exportXlsx(actor, query, response.getOutputStream());
            }
            case "json" -> {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Content-Disposition", "attachment; filename=catalog.json");
                try (var gen = json.createGenerator(response.getOutputStream())) {
                    gen.writeStartArray();
                    for (Resource r : transfer.matching(actor, query)) json.writeValue(gen, view(r));
                    gen.writeEndArray();
                }
            }
            default -> throw new ProblemException(Problem.notFound("NOT_FOUND", request.getRequestURI()));
        }
    }

    @GetMapping("/authoritative-items")
    @Operation(summary = "一数一源: every declared data item with its authoritative provider, resource and field")
    List<org.citydata.catalog.AuthoritativeItem> authoritativeItems(Actor actor) {
        return singleSource.all();
    }

    @PostMapping("/resources/{code}/authoritative-items")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Declare a field of this resource the authoritative source of a data item (e.g. person.name)",
            description = "Refused with CATALOG_ITEM_OWNED, naming the owner, when another department already holds the item.")
    org.citydata.catalog.AuthoritativeItem declare(Actor actor, @PathVariable String code,
                                                   @RequestBody org.citydata.catalog.SingleSource.Declaration declaration) {
        return unwrap(singleSource.declare(actor, code, declaration));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/authoritative-items/{item}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Release a data item (its owner or the bureau)")
    void release(Actor actor, @PathVariable String item) {
        unwrap(singleSource.release(actor, item));
    }

    @PostMapping("/admin/search/reindex")
    @Operation(summary = "Rebuild the search index from the database (platform administrators)")
    CatalogSearch.Rebuilt reindex(Actor actor) {
        return unwrap(search.rebuild(actor));
    }

    private static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) return null;
        try {
            return Integer.valueOf(ifMatch.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.of(Problem.Kind.INVALID, "REQUEST_INVALID_PARAMETER", "If-Match", ifMatch));
        }
    }

    private static void attachment(HttpServletResponse response, String name) {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=" + name);
    }
}
