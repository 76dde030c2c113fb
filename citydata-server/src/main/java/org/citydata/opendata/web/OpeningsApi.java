package org.citydata.opendata.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.opendata.Opening;
import org.citydata.opendata.OpeningForm;
import org.citydata.opendata.Openings;
import org.citydata.platform.web.ProblemException;
import org.citydata.platform.web.RequestIdFilter;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/v1/openings")
@Tag(name = "openings", description = "数据开放: proposals to open resources to the public, their risk assessment, review and publication")
class OpeningsApi {

    private final Openings openings;

    OpeningsApi(Openings openings) {
        this.openings = openings;
    }

    record ReasonBody(String reason) {}

    record NoteBody(String note) {}

    /** An opening with its history. */
    record OpeningView(Opening opening, List<Opening.Event> history) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Propose to open a published resource of my department (its officers, in person)",
            description = "The risk assessment runs at once on the current data: state IN_REVIEW when it passes, BLOCKED "
                    + "with its findings and fixes when it does not. Body: resourceCode, fields {name: masking rule}, "
                    + "quasiIdentifiers, k (default 5), licence (default CC-BY-4.0), openCondition.")
    OpeningView propose(Actor actor, @RequestBody OpeningForm form, HttpServletRequest request) {
        return view(actor, unwrap(openings.propose(actor, form, RequestIdFilter.of(request))));
    }

    @GetMapping
    @Operation(summary = "Openings newest first: my department's, or every department's for the bureau and auditors")
    List<Opening> list(Actor actor, @RequestParam(required = false) String state) {
        return openings.list(actor, state == null || state.isBlank() ? null : state(state));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One opening with its assessment and history")
    OpeningView get(Actor actor, @PathVariable long id) {
        return view(actor, unwrap(openings.get(actor, id)));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Revise a BLOCKED or RETURNED opening (same body as the proposal); assessed again")
    OpeningView revise(Actor actor, @PathVariable long id, @RequestBody OpeningForm form, HttpServletRequest request) {
        return view(actor, unwrap(openings.revise(actor, id, form, RequestIdFilter.of(request))));
    }

    @PostMapping("/{id}/assess")
    @Operation(summary = "Assess again on the current data (the department or the bureau)")
    OpeningView assess(Actor actor, @PathVariable long id, HttpServletRequest request) {
        return view(actor, unwrap(openings.reassess(actor, id, RequestIdFilter.of(request))));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Publish an opening in review (the bureau); assessed again first, 409 OPENDATA_BLOCKED if it now fails")
    OpeningView approve(Actor actor, @PathVariable long id, @RequestBody(required = false) NoteBody body, HttpServletRequest request) {
        return view(actor, unwrap(openings.approve(actor, id, body == null ? null : body.note(), RequestIdFilter.of(request))));
    }

    @PostMapping("/{id}/return")
    @Operation(summary = "Return an opening in review to the department with reasons (the bureau)")
    OpeningView sendBack(Actor actor, @PathVariable long id, @RequestBody(required = false) ReasonBody body) {
        return view(actor, unwrap(openings.sendBack(actor, id, body == null ? null : body.reason())));
    }

    @PostMapping("/{id}/unpublish")
    @Operation(summary = "Take a published opening off the portal and the APIs at once (the department or the bureau); reason required")
    OpeningView unpublish(Actor actor, @PathVariable long id, @RequestBody(required = false) ReasonBody body) {
        return view(actor, unwrap(openings.unpublish(actor, id, body == null ? null : body.reason())));
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw an opening that is not public (the department); reason required")
    OpeningView withdraw(Actor actor, @PathVariable long id, @RequestBody(required = false) ReasonBody body) {
        return view(actor, unwrap(openings.withdraw(actor, id, body == null ? null : body.reason())));
    }

    private OpeningView view(Actor actor, Opening opening) {
        return new OpeningView(opening, unwrap(openings.history(actor, opening.id())));
    }

    private static Opening.State state(String text) {
        try {
            return Opening.State.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Problem.Kind.INVALID, "OPENDATA_UNKNOWN_STATE", text));
        }
    }
}
