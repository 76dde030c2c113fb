package org.citydata.ingest.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.citydata.identity.Actor;
import org.citydata.ingest.FileIngest;
import org.citydata.ingest.IngestRun;
import org.citydata.ingest.Source;
import org.citydata.ingest.SourceCheck;
import org.citydata.ingest.SourceForm;
import org.citydata.ingest.SourceSync;
import org.citydata.ingest.Sources;
import org.citydata.ingest.internal.RunLog;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "sources", description = "采集源: a resource's uploads, databases and JSON APIs, their mapping, mode and schedule")
class SourceApi {

    private final Sources sources;
    private final SourceSync sync;
    private final FileIngest files;
    private final RunLog runs;

    SourceApi(Sources sources, SourceSync sync, FileIngest files, RunLog runs) {
        this.sources = sources;
        this.sync = sync;
        this.files = files;
        this.runs = runs;
    }

    @GetMapping("/resources/{code}/sources")
    @Operation(summary = "The resource's sources (provider's editors, bureau, auditors); secrets are never shown")
    List<Source> list(Actor actor, @PathVariable String code) {
        return unwrap(sources.list(actor, code));
    }

    @PostMapping("/resources/{code}/sources")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a source: JDBC (PostgreSQL/MySQL/MariaDB table or SELECT), HTTP (paged JSON API) or FILE (upload settings)")
    Source create(Actor actor, @PathVariable String code, @RequestBody SourceForm form) {
        return unwrap(sources.create(actor, code, form));
    }

    @PutMapping("/resources/{code}/sources/file-mapping")
    @Operation(summary = "How uploaded files' columns map to the catalog's fields (column -> field; \"\" ignores a column)")
    Source fileMapping(Actor actor, @PathVariable String code, @RequestBody Map<String, String> mapping) {
        return unwrap(sources.saveFileMapping(actor, code, mapping));
    }

    @GetMapping("/sources/{id}")
    Source get(Actor actor, @PathVariable long id) {
        return unwrap(sources.get(actor, id));
    }

    @PutMapping("/sources/{id}")
    @Operation(summary = "Change a source; a null secret keeps the stored one, \"\" removes it")
    Source update(Actor actor, @PathVariable long id, @RequestBody SourceForm form) {
        return unwrap(sources.update(actor, id, form));
    }

    @DeleteMapping("/sources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable long id) {
        unwrap(sources.delete(actor, id));
    }

    @PostMapping("/sources/{id}/test")
    @Operation(summary = "Connect and read a few rows without loading: reachable, columns, sample, and whether the columns fit")
    SourceCheck test(Actor actor, @PathVariable long id) {
        return unwrap(sync.test(actor, id));
    }

    @PostMapping("/sources/{id}/sync")
    @Operation(summary = "Sync now. By default answers 202 with the run at once (follow it at /data/runs/{id}); wait=true answers when done")
    ResponseEntity<?> sync(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "false") boolean wait) {
        if (!wait) {
            long runId = unwrap(sync.start(actor, id));
            return ResponseEntity.accepted().body(unwrap(files.run(actor, runId)));
        }
        var result = sync.syncNow(actor, id);
        if (result.succeeded()) return ResponseEntity.status(HttpStatus.CREATED).body(result.value());
        // a sync that ran and failed has a run record: the caller gets it beside the problem
        var run = result.problem().kind() == Problem.Kind.INVALID ? runs.latestOfSource(id) : java.util.Optional.<IngestRun>empty();
        throw run.isPresent() ? new ProblemException(result.problem(), Map.of("run", run.get())) : new ProblemException(result.problem());
    }
}
