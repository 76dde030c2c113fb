package org.citydata.opendata.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.opendata.OpenData;
import org.citydata.platform.cache.KeptAnswers;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.ProblemException;
import org.citydata.platform.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CKAN-compatible action API (CKAN 2.10 and 2.11), so that CKAN harvesters and clients read the published datasets
 * unchanged: {@code /api/3/action/<name>} (and {@code /api/action/<name>}, as ckanapi calls it), by GET with query
 * parameters or by POST with a JSON object, anonymously. Every answer is CKAN's envelope,
 * {@code {"help": …, "success": true, "result": …}} or {@code {"help": …, "success": false, "error": {"__type": …,
 * "message": …}}} with CKAN's statuses; the message carries our problem code in brackets. What a name CKAN does not know
 * (and a body that is not a JSON object) gets is CKAN's too: 400 with a JSON string, {@code "Bad request - …"}.
 *
 * <p>The shapes are made by {@link CkanPackages}, {@link PackageSearch}, {@link CkanGroups} and {@link DatastoreSearch};
 * rows come through the open-data read path, masked and recorded.
 */
@RestController
@RequestMapping({"/api/3/action", "/api/action"})
@Tag(name = "CKAN", description = "CKAN 2.10 compatible action API over the published datasets: package_list, package_show, "
        + "package_search, organization_list, organization_show, group_list, group_show, datastore_search, help_show")
class CkanApi {

    private static final Logger log = LoggerFactory.getLogger(CkanApi.class);

    @FunctionalInterface
    private interface Handler {
        Result<?> run(CkanParams params, HttpServletRequest request, String base);
    }

    /** An action: what help_show says of it, and what answers it. */
    private record Action(String help, Handler handler) {}

    /** A page of search results this long or shorter is kept as written: the first pages of a search. */
    private static final int KEPT_ROWS = 50;

    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final Messages messages;
    private final JsonMapper json;
    private final PackageSearch search;
    private final OpenData openData;
    private final KeptAnswers<String, Result<byte[]>> writtenSearches;
    private final long keptNanos;

    CkanApi(CkanPackages packages, PackageSearch search, CkanGroups groups, DatastoreSearch datastore, Readers readers,
            Messages messages, JsonMapper json, OpenData openData,
            @Value("${citydata.opendata.kept-written-searches:200}") int keptWritten,
            @Value("${citydata.opendata.published-ttl:2s}") Duration publishedTtl) {
        this.messages = messages;
        this.json = json;
        this.search = search;
        this.openData = openData;
        this.writtenSearches = new KeptAnswers<>(keptWritten);
        this.keptNanos = Math.max(publishedTtl.toNanos(), 1);
        actions.put("package_list", new Action("Return the names of the published datasets, in name order. "
                + ":param limit: :param offset:", (p, r, base) -> packages.list(p)));
        actions.put("package_show", new Action("Return a published dataset. :param id: its id (resource code) or name.",
                (p, r, base) -> packages.show(p, base)));
        actions.put("package_search", new Action("Search the published datasets. :param q: text (Chinese is segmented) "
                + ":param fq: organization, groups, tags, res_format, license_id, name, id, metadata_modified, metadata_created "
                + ":param fq_list: :param rows: (default 10, at most 1000) :param start: :param sort: score, metadata_modified, "
                + "metadata_created, name, title_string, id with asc or desc (default 'score desc, metadata_modified desc') "
                + ":param facet.field: a JSON list of organization, groups, tags, res_format, license_id "
                + ":param facet.limit: :param facet.mincount:", (p, r, base) -> written(p, base)));
        actions.put("organization_list", new Action("Return the departments that provide published datasets. "
                + ":param all_fields: :param sort: :param limit: :param offset:", (p, r, base) -> groups.organizationList(p)));
        actions.put("organization_show", new Action("Return a department that provides published datasets, with package_count. "
                + ":param id: its id (department code) or name.", (p, r, base) -> groups.organizationShow(p)));
        actions.put("group_list", new Action("Return the catalog's themes. :param all_fields: :param sort: :param limit: "
                + ":param offset:", (p, r, base) -> groups.groupList(p)));
        actions.put("group_show", new Action("Return a theme, with package_count. :param id: its name.",
                (p, r, base) -> groups.groupShow(p)));
        actions.put("datastore_search", new Action("Read a published dataset's records, masked as its opening says. "
                + ":param resource_id: the dataset's code :param q: text, or an object of field to text :param filters: "
                + "an object of field to value or list of values :param limit: (default 100, at most 32000) :param offset: "
                + ":param fields: :param sort: 'field asc, other desc'", (p, r, base) -> datastore.search(p, readers.of(r),
                RequestIdFilter.of(r), r.getRequestURI())));
        actions.put("help_show", new Action("Return the help of an action. :param name: the action's name.",
                (p, r, base) -> help(p)));
    }

    /** The success envelope; nulls inside results are written as CKAN writes them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Success(String help, boolean success, Object result) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Failure(String help, boolean success, Map<String, Object> error) {}

    @RequestMapping(path = "/{action}", method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "Call a CKAN action: GET with query parameters (JSON values as JSON text), or POST a JSON object",
            description = "Answers {help, success, result} or {help, success: false, error: {__type, message}} with 404 (Not "
                    + "Found Error), 409 (Validation Error) or 403 (Authorization Error); an unknown action 400.")
    ResponseEntity<Object> call(@PathVariable @Parameter(description = "package_list, package_show, package_search, "
            + "organization_list, organization_show, group_list, group_show, datastore_search, help_show") String action,
                                HttpServletRequest request) throws IOException {
        var chosen = actions.get(action);
        if (chosen == null) return badRequest("Action name not known: " + action);
        var params = CkanParams.read(request, json);
        if (!params.succeeded()) return badRequest("JSON Error: " + params.problem().args().get(0));
        String base = base(request);
        var result = chosen.handler().run(params.value(), request, base);
        if (!result.succeeded()) return failure(action, base, result.problem());
        if (result.value() instanceof byte[] written) return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(written);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new Success(help(base, action), true, result.value()));
    }

    /**
     * package_search's answer in its envelope, as written. A first page (up to {@value #KEPT_ROWS} rows) is kept as
     * written for the same data dict and address while the published openings and the catalog stay as they are
     * ({@link OpenData#kept}): a popular search costs no search and no JSON. It is also kept no longer than
     * {@code citydata.opendata.published-ttl}, the time a change made on another node takes to be seen here anyway (a
     * data version's row count, a department's name).
     */
    private Result<?> written(CkanParams params, String base) {
        var rows = params.text("rows");
        if (rows != null && !(rows.strip().matches("\\d{1,3}") && Integer.parseInt(rows.strip()) <= KEPT_ROWS)) return search.search(params, base);
        String question = System.nanoTime() / keptNanos + " " + base + " " + params.data();
        return openData.kept(writtenSearches, question, q -> search.search(params, base)
                .map(answer -> json.writeValueAsBytes(new Success(help(base, "package_search"), true, answer))));
    }

    /** A problem thrown on the way (e.g. by the reader's key) is answered in the envelope too. */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException e, HttpServletRequest request) {
        return failure(actionOf(request), base(request), e.problem());
    }

    /** CKAN's answer to anything unexpected; what happened is logged, not told. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Object> unexpected(RuntimeException e, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        var error = new LinkedHashMap<String, Object>();
        error.put("__type", "Internal Server Error");
        error.put("message", "Internal Server Error");
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_JSON)
                .body(new Failure(help(base(request), actionOf(request)), false, error));
    }

    private Result<String> help(CkanParams params) {
        String name = params.required("name");
        return params.checked(() -> actions.containsKey(name) ? Result.ok(actions.get(name).help())
                : Result.failure(Problem.notFound("CKAN_UNKNOWN_ACTION", name)));
    }

    /**
     * A problem as CKAN reports it: not found 404 {@code Not Found Error}; refused for the reader (no key, a field not
     * opened, a filter on a masked field) 403 {@code Authorization Error}; bad input and conflicts 409
     * {@code Validation Error}, with each violated parameter as a key holding its messages, as CKAN's validators do.
     */
    private ResponseEntity<Object> failure(String action, String base, Problem problem) {
        int status;
        String type;
        String prefix;
        switch (problem.kind()) {
            case NOT_FOUND, GONE -> { status = 404; type = "Not Found Error"; prefix = "Not found: "; }
            case UNAUTHENTICATED, FORBIDDEN -> { status = 403; type = "Authorization Error"; prefix = "Access denied: "; }
            case TOO_MANY -> { status = 429; type = "Rate Limit Error"; prefix = "Too many requests: "; }
            case UNAVAILABLE -> { status = 503; type = "Internal Server Error"; prefix = ""; }
            default -> { status = 409; type = "Validation Error"; prefix = ""; }
        }
        var violations = messages.violations(problem.violations());
        var message = new StringBuilder(prefix).append('[').append(problem.code()).append("] ").append(messages.problem(problem));
        violations.forEach(v -> message.append(' ').append(v.field()).append(": ").append(v.message()).append(';'));
        var error = new LinkedHashMap<String, Object>();
        error.put("__type", type);
        error.put("message", message.toString().replaceAll(";$", ""));
        for (var v : violations) {
            if (error.containsKey(v.field()) && !(error.get(v.field()) instanceof List<?>)) continue; // __type, message
            @SuppressWarnings("unchecked")
            var list = (List<String>) error.computeIfAbsent(v.field(), k -> new ArrayList<String>());
            list.add(v.message());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new Failure(help(base, action), false, error));
    }

    /** CKAN's bare answer to a request it cannot take at all: 400 and a JSON string. */
    private ResponseEntity<Object> badRequest(String detail) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString("Bad request - " + detail));
    }

    private static String help(String base, String action) {
        return base + "/api/3/action/help_show?name=" + action;
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }

    private static String actionOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.substring(uri.lastIndexOf('/') + 1);
    }
}
