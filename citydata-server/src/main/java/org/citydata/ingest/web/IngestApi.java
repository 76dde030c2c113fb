package org.citydata.ingest.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.citydata.datastore.LoadMode;
import org.citydata.identity.Actor;
import org.citydata.ingest.FileIngest;
import org.citydata.ingest.IngestRun;
import org.citydata.ingest.QuarantinedValue;
import org.citydata.ingest.SampleInference;
import org.citydata.ingest.internal.RunLog;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "ingest", description = "采集: load a resource's rows from files, with quarantine of bad rows")
class IngestApi {

    private final FileIngest files;
    private final RunLog runs;
    private final SampleInference inference;

    IngestApi(FileIngest files, RunLog runs, SampleInference inference) {
        this.files = files;
        this.runs = runs;
        this.inference = inference;
    }

    @PostMapping(path = "/resources/{code}/data/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Load a CSV/TSV, JSON or XLSX file as the resource's new data version (mode: REPLACE, APPEND or UPSERT by key)",
            description = "Encoding (UTF-8, UTF-8 BOM, GBK/GB18030) and delimiter are detected unless given. Columns are matched "
                    + "to the catalog's fields by name or Chinese label. Rows failing their field are quarantined; when more "
                    + "than the allowed share (5%) fails, or the file is broken, nothing is loaded and the run says why.")
    IngestRun upload(Actor actor, @PathVariable String code, @RequestPart("file") MultipartFile file,
                     @RequestParam(required = false) String encoding, @RequestParam(required = false) String delimiter,
                     @RequestParam(required = false) LoadMode mode)
            throws IOException {
        try (var in = file.getInputStream()) {
            var result = files.load(actor, code, file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename(), in,
                    FileIngest.Options.of(encoding, delimiter, mode));
            if (result.succeeded()) return result.value();
            // a load that started and failed has a run record: the caller gets it beside the problem
            var runs = files.runs(actor, code);
            var latest = runs.succeeded() ? runs.value().stream().findFirst() : java.util.Optional.<IngestRun>empty();
            throw latest.isPresent() && result.problem().kind() == Problem.Kind.INVALID
                    ? new ProblemException(result.problem(), Map.of("run", latest.get()))
                    : new ProblemException(result.problem());
        }
    }

    @PostMapping(path = "/ingest/inference", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Propose the fields of a new resource from a sample file",
            description = "Reads a CSV/TSV (encoding and delimiter detected unless given), JSON or XLSX file as a load would, "
                    + "but only its first 1,000 rows, and proposes per column a catalog field name, the header as label, a type, "
                    + "a length for text, whether the sample has blanks or repeats, one key, and examples. Nothing is stored.")
    SampleInference.Proposal inference(Actor actor, @RequestPart("file") MultipartFile file,
                                       @RequestParam(required = false) String encoding, @RequestParam(required = false) String delimiter)
            throws IOException {
        try (var in = file.getInputStream()) {
            return unwrap(inference.infer(actor, file.getOriginalFilename() == null ? "sample" : file.getOriginalFilename(), in,
                    FileIngest.Options.of(encoding, delimiter, null)));
        }
    }

    @GetMapping("/resources/{code}/data/runs")
    @Operation(summary = "The resource's loads, newest first")
    List<IngestRun> runs(Actor actor, @PathVariable String code) {
        return unwrap(files.runs(actor, code));
    }

    @GetMapping("/data/runs/{id}/quarantine.csv")
    @Operation(summary = "The whole quarantine of a run as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese)")
    void quarantineCsv(Actor actor, @PathVariable long id, jakarta.servlet.http.HttpServletResponse response) throws IOException {
        unwrap(files.run(actor, id));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=quarantine-" + id + ".csv");
        var out = new java.io.OutputStreamWriter(response.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
        out.write('\uFEFF');
        try (var csv = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.DEFAULT.builder()
                .setHeader("line", "field", "value", "reason").get())) {
            int page = 0;
            List<QuarantinedValue> batch;
            do { // a page at a time: a large quarantine never sits in memory whole
                batch = runs.quarantined(id, 10_000, (long) page++ * 10_000);
                for (var q : batch) csv.printRecord(q.line(), q.field(), q.value(), q.reason());
            } while (batch.size() == 10_000);
        }
    }

    @GetMapping("/data/runs/{id}/quarantine")
    @Operation(summary = "The values a run kept out, with line, field, value and reason")
    List<QuarantinedValue> quarantine(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "100") int size) {
        unwrap(files.run(actor, id));
        int safe = Math.min(Math.max(size, 1), 1000);
        return runs.quarantined(id, safe, (long) Math.max(page, 0) * safe);
    }
}
