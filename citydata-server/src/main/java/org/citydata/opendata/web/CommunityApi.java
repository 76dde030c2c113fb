package org.citydata.opendata.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.citydata.identity.Actor;
import org.citydata.opendata.DataRequests;
import org.citydata.opendata.DataRequests.DataRequest;
import org.citydata.opendata.Reuses;
import org.citydata.opendata.Reuses.Reuse;
import org.citydata.opendata.web.OpenApi.Envelope;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 数据需求 and 应用展示: the public asks and shows (open API); departments answer and the bureau moderates (console API). */
@RestController
@Tag(name = "open data community", description = "数据需求 and 应用展示: requests for data and reuses of it")
class CommunityApi {

    private final DataRequests requests;
    private final Reuses reuses;
    private final Readers readers;

    CommunityApi(DataRequests requests, Reuses reuses, Readers readers) {
        this.requests = requests;
        this.reuses = reuses;
        this.readers = readers;
    }

    @GetMapping("/api/open/v1/requests")
    @Operation(summary = "Data requests newest first with their public answers (state OPEN or ANSWERED), 20 a page")
    Envelope<List<DataRequest>> requests(@RequestParam(required = false) DataRequests.State state, @RequestParam(defaultValue = "0") int page) {
        return new Envelope<>(requests.list(state, page), Map.of("page", page));
    }

    @PostMapping("/api/open/v1/requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ask for data that is not open: title, description, requesterName, requesterEmail (never shown), departmentCode (optional)")
    Envelope<DataRequest> ask(@RequestBody DataRequests.RequestForm form, HttpServletRequest request) {
        return new Envelope<>(unwrap(requests.ask(form, readers.client(request))), Map.of());
    }

    @GetMapping("/api/open/v1/reuses")
    @Operation(summary = "Published reuses newest first, or those of one dataset")
    Envelope<List<Reuse>> reuses(@RequestParam(required = false) String dataset) {
        return new Envelope<>(reuses.published(dataset == null || dataset.isBlank() ? null : dataset.strip()), Map.of());
    }

    @PostMapping("/api/open/v1/reuses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Submit a reuse (title, description, url, kind APP|ANALYSIS|VISUALIZATION|ARTICLE, author, datasetCodes); shown once the bureau publishes it")
    Envelope<Reuse> submit(@RequestBody Reuses.ReuseForm form, HttpServletRequest request) {
        return new Envelope<>(unwrap(reuses.submit(form, readers.client(request))), Map.of());
    }

    record Answer(DataRequests.Outcome outcome, String answer, String datasetCode) {}

    record Route(String departmentCode) {}

    @GetMapping("/api/v1/data-requests")
    @Operation(summary = "The data requests an officer may answer: those addressed to the department; all for the bureau")
    List<DataRequest> toAnswer(Actor actor) {
        return requests.toAnswer(actor);
    }

    @PostMapping("/api/v1/data-requests/{id}/answer")
    @Operation(summary = "Answer in public (the department addressed, or the bureau): outcome PLANNED|OPENED|DECLINED, answer, datasetCode for OPENED")
    DataRequest answer(Actor actor, @PathVariable long id, @RequestBody Answer body) {
        return unwrap(requests.answer(actor, id, body.outcome(), body.answer(), body.datasetCode()));
    }

    @PostMapping("/api/v1/data-requests/{id}/route")
    @Operation(summary = "Address a request to the department that holds the data (the bureau)")
    DataRequest route(Actor actor, @PathVariable long id, @RequestBody Route body) {
        return unwrap(requests.route(actor, id, body.departmentCode()));
    }

    @GetMapping("/api/v1/reuses/waiting")
    @Operation(summary = "Reuses waiting for the bureau's look")
    List<Reuse> waiting(Actor actor) {
        return unwrap(reuses.waiting(actor));
    }

    @PostMapping("/api/v1/reuses/{id}/{decision:publish|reject}")
    @Operation(summary = "Publish or reject a submitted reuse (the bureau)")
    Reuse moderate(Actor actor, @PathVariable long id, @PathVariable String decision) {
        return unwrap(reuses.moderate(actor, id, decision.equals("publish")));
    }
}
