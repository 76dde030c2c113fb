package org.citydata.ingest.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Catalog;
import org.citydata.datastore.LoadMode;
import org.citydata.identity.Actor;
import org.citydata.ingest.HttpSettings;
import org.citydata.ingest.JdbcSettings;
import org.citydata.ingest.Source;
import org.citydata.ingest.SourceForm;
import org.citydata.ingest.SourceKind;
import org.citydata.ingest.SourceSync;
import org.citydata.ingest.Sources;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages of a resource's sources: add or change one, test its connection, sync it, map its columns. */
@PageController
class SourcePages {

    private final Catalog catalog;
    private final Sources sources;
    private final SourceSync sync;
    private final Messages messages;

    SourcePages(Catalog catalog, Sources sources, SourceSync sync, Messages messages) {
        this.catalog = catalog;
        this.sources = sources;
        this.sync = sync;
        this.messages = messages;
    }

    @GetMapping("/resources/{code}/sources/new")
    String create(Actor actor, @PathVariable String code, @RequestParam SourceKind kind, Model model) {
        var resource = unwrap(catalog.get(actor, code));
        var blank = new Source(0, resource.id(), kind, "", LoadMode.REPLACE, Map.of(),
                kind == SourceKind.JDBC ? new JdbcSettings("", "", "", "", "") : null,
                kind == SourceKind.HTTP ? new HttpSettings("", "", null, null, null, null, null, null) : null,
                false, false, null, null, null, null, null, null, null);
        return form(model, resource, blank, List.of());
    }

    @GetMapping("/sources/{id}/edit")
    String edit(Actor actor, @PathVariable long id, Model model) {
        var source = unwrap(sources.get(actor, id));
        return form(model, unwrap(catalog.get(actor, source.resourceId())), source, List.of());
    }

    @PostMapping("/resources/{code}/sources")
    String save(Actor actor, @PathVariable String code, @RequestParam(required = false) Long id,
                @RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        var form = formOf(params);
        Result<Source> saved = id == null ? sources.create(actor, code, form) : sources.update(actor, id, form);
        if (saved.succeeded()) {
            redirect.addFlashAttribute("notice", messages.get("source.saved", saved.value().name()));
            return "redirect:/resources/" + code + "/data";
        }
        var resource = unwrap(catalog.get(actor, code));
        var shown = new Source(id == null ? 0 : id, resource.id(), form.kind(), form.name(), form.mode() == null ? LoadMode.REPLACE : form.mode(),
                form.mapping(), form.jdbc(), form.http(), false, Boolean.TRUE.equals(form.scheduled()), form.cron(), null, null, null,
                null, null, null);
        model.addAttribute("problem", messages.problem(saved.problem()));
        return form(model, resource, shown, messages.violations(saved.problem().violations()));
    }

    /** The "test connection" button: a fragment swapped into the page by htmx. */
    @PostMapping("/sources/{id}/test")
    String test(Actor actor, @PathVariable long id, Model model) {
        var check = unwrap(sync.test(actor, id));
        model.addAttribute("check", check);
        model.addAttribute("checkProblem", check.problemCode() == null ? null
                : messages.problem(Problem.of(Problem.Kind.INVALID, check.problemCode(), check.problemArgs().toArray())));
        return "ingest/source-check :: check";
    }

    @PostMapping("/sources/{id}/sync")
    String syncNow(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        var started = sync.start(actor, id);
        if (started.succeeded()) return "redirect:/data/runs/" + started.value();
        redirect.addFlashAttribute("problem", messages.problem(started.problem()));
        var source = sources.get(actor, id);
        return source.succeeded() ? "redirect:/resources/" + unwrap(catalog.get(actor, source.value().resourceId())).code() + "/data" : "redirect:/";
    }

    @PostMapping("/sources/{id}/delete")
    String delete(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        var source = unwrap(sources.get(actor, id));
        var code = unwrap(catalog.get(actor, source.resourceId())).code();
        var deleted = sources.delete(actor, id);
        if (!deleted.succeeded()) redirect.addFlashAttribute("problem", messages.problem(deleted.problem()));
        return "redirect:/resources/" + code + "/data";
    }

    /**
     * The mapping form on a run page whose columns did not fit: saved on the run's source (the upload settings for an
     * upload), so the next upload or sync uses it.
     */
    @PostMapping("/data/runs/{runId}/mapping")
    String map(Actor actor, @PathVariable long runId, @RequestParam String code, @RequestParam(required = false) Long sourceId,
               @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        var mapping = mappingOf(params);
        Result<Source> saved;
        if (sourceId == null) {
            saved = sources.saveFileMapping(actor, code, mapping);
        } else {
            var s = unwrap(sources.get(actor, sourceId));
            saved = s.kind() == SourceKind.FILE ? sources.saveFileMapping(actor, code, mapping)
                    : sources.update(actor, sourceId, new SourceForm(s.kind(), s.name(), s.mode(), mapping, s.jdbc(), s.http(), null, s.scheduled(), s.cron()));
        }
        if (!saved.succeeded()) {
            redirect.addFlashAttribute("problem", messages.problem(saved.problem()));
            return "redirect:/data/runs/" + runId;
        }
        redirect.addFlashAttribute("notice", messages.get(saved.value().kind() == SourceKind.FILE ? "source.mappingSavedUpload" : "source.mappingSavedSync"));
        return "redirect:/resources/" + code + "/data";
    }

    private String form(Model model, org.citydata.catalog.Resource resource, Source source, List<Messages.ViolationView> violations) {
        model.addAttribute("r", resource);
        model.addAttribute("s", source);
        model.addAttribute("modes", LoadMode.values());
        model.addAttribute("violations", violations);
        var rows = new java.util.ArrayList<Map.Entry<String, String>>(source.mapping().entrySet());
        for (int i = 0; i < 3; i++) rows.add(Map.entry("", ""));
        model.addAttribute("mappingRows", rows);
        return "ingest/source";
    }

    private static SourceForm formOf(MultiValueMap<String, String> p) {
        var kind = SourceKind.valueOf(p.getFirst("kind"));
        var mode = blank(p.getFirst("mode")) ? null : LoadMode.valueOf(p.getFirst("mode"));
        JdbcSettings jdbc = kind != SourceKind.JDBC ? null : new JdbcSettings(p.getFirst("jdbcUrl"), p.getFirst("jdbcUsername"),
                p.getFirst("jdbcTable"), p.getFirst("jdbcQuery"), p.getFirst("jdbcWatermark"));
        HttpSettings http = kind != SourceKind.HTTP ? null : new HttpSettings(p.getFirst("httpUrl"), p.getFirst("httpItemsPath"),
                blank(p.getFirst("httpPaging")) ? null : HttpSettings.Paging.valueOf(p.getFirst("httpPaging")),
                p.getFirst("httpPageParam"), p.getFirst("httpSizeParam"), number(p.getFirst("httpPageSize")),
                number(p.getFirst("httpFirstPage")), p.getFirst("httpTokenHeader"));
        String secret = p.getFirst("secret");
        if ("on".equals(p.getFirst("removeSecret"))) secret = "";
        else if (blank(secret)) secret = null; // an empty password box keeps the stored secret
        return new SourceForm(kind, p.getFirst("name"), mode, mappingOf(p), jdbc, http, secret, "on".equals(p.getFirst("scheduled")),
                p.getFirst("cron"));
    }

    /** Mapping rows come as parallel lists: mapColumn[i] → mapField[i] (an empty field ignores the column). */
    private static Map<String, String> mappingOf(MultiValueMap<String, String> p) {
        var columns = p.getOrDefault("mapColumn", List.of());
        var fields = p.getOrDefault("mapField", List.of());
        var mapping = new LinkedHashMap<String, String>();
        for (int i = 0; i < columns.size(); i++)
            if (!blank(columns.get(i))) mapping.put(columns.get(i).strip(), i < fields.size() ? fields.get(i) : "");
        return mapping;
    }

    private static Integer number(String s) {
        try {
            return blank(s) ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return -1; // reported as out of range by the source's checks
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
