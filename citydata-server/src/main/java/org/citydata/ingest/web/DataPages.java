package org.citydata.ingest.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.citydata.catalog.Catalog;
import org.citydata.datastore.Datastore;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.datastore.LoadMode;
import org.citydata.datastore.ReadTerms;
import org.citydata.datastore.RowQuery;
import org.citydata.ingest.FileIngest;
import org.citydata.ingest.SourceSync;
import org.citydata.ingest.Sources;
import org.citydata.ingest.internal.RunLog;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.Messages;
import org.citydata.platform.web.PageController;
import org.citydata.platform.web.ProblemException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages of a resource's data: upload with live progress, runs, quarantine, versions and a preview. */
@PageController
class DataPages {

    private final Catalog catalog;
    private final Datastore datastore;
    private final FileIngest files;
    private final RunLog runs;
    private final AccessPolicy policy;
    private final Messages messages;
    private final Sources sources;

    DataPages(Catalog catalog, Datastore datastore, FileIngest files, RunLog runs, AccessPolicy policy, Messages messages,
              Sources sources) {
        this.sources = sources;
        this.catalog = catalog;
        this.datastore = datastore;
        this.files = files;
        this.runs = runs;
        this.policy = policy;
        this.messages = messages;
    }

    @GetMapping("/resources/{code}/data")
    String data(Actor actor, @PathVariable String code, Model model) {
        var resource = unwrap(catalog.get(actor, code));
        boolean operator = policy.canSeeLoadsOf(actor, resource.providerId());
        model.addAttribute("r", resource);
        model.addAttribute("canUpload", policy.canEditResourcesOf(actor, resource.providerId()));
        model.addAttribute("versions", datastore.versions(resource.id()));
        model.addAttribute("runs", operator ? runs.forResource(resource.id()) : List.of());
        model.addAttribute("sources", operator ? unwrap(sources.list(actor, code)) : List.of());
        model.addAttribute("modes", LoadMode.values());
        var preview = datastore.read(ReadTerms.owner(actor, "console preview", null), RowQuery.page(code, null, 0, 20));
        model.addAttribute("preview", preview.succeeded() ? preview.value() : null);
        model.addAttribute("previewProblem", preview.succeeded() ? null : messages.problem(preview.problem()));
        return "ingest/data";
    }

    @PostMapping("/resources/{code}/data/upload")
    String upload(Actor actor, @PathVariable String code, @RequestParam("file") MultipartFile file,
                  @RequestParam(required = false) String encoding, @RequestParam(required = false) String delimiter,
                  @RequestParam(required = false) LoadMode mode, RedirectAttributes redirect) throws IOException {
        var saved = Files.createTempFile("citydata-upload-", ".csv");
        file.transferTo(saved);
        var started = files.loadInBackground(actor, code, file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename(),
                saved, FileIngest.Options.of(encoding, delimiter, mode));
        if (!started.succeeded()) {
            redirect.addFlashAttribute("problem", messages.problem(started.problem()));
            return "redirect:/resources/" + code + "/data";
        }
        return "redirect:/data/runs/" + started.value();
    }

    @GetMapping("/data/runs/{id}")
    String run(Actor actor, @PathVariable long id, Model model) {
        fillRun(actor, id, model);
        return "ingest/run";
    }

    /** The part of the run page that htmx polls while the run goes. */
    @GetMapping("/data/runs/{id}/progress")
    String progress(Actor actor, @PathVariable long id, Model model) {
        fillRun(actor, id, model);
        return "ingest/run :: progress";
    }

    @PostMapping("/data/runs/{id}/cancel")
    String cancel(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        var cancelled = files.cancel(actor, id);
        if (!cancelled.succeeded()) redirect.addFlashAttribute("problem", messages.problem(cancelled.problem()));
        return "redirect:/data/runs/" + id;
    }

    private void fillRun(Actor actor, long id, Model model) {
        var run = unwrap(files.run(actor, id));
        var resource = catalog.get(actor, run.resourceId());
        model.addAttribute("run", run);
        model.addAttribute("r", resource.value());
        model.addAttribute("error", run.errorCode() == null ? null
                : messages.problem(Problem.of(Problem.Kind.INVALID, run.errorCode(), run.errorArgs().toArray())));
        model.addAttribute("quarantine", runs.quarantined(id, 200, 0));
        if ("INGEST_COLUMNS_MISMATCH".equals(run.errorCode()) && !run.columns().isEmpty()
                && policy.canEditResourcesOf(actor, resource.value().providerId()))
            model.addAttribute("mapping", SourceSync.suggestedMapping(run.columns(), resource.value()));
        model.addAttribute("canCancel", "RUNNING".equals(run.status()) && policy.canEditResourcesOf(actor, resource.value().providerId()));
    }
}
