package org.citydata.quality.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.citydata.identity.Actor;
import org.citydata.quality.CrossCheck;
import org.citydata.quality.CrossCheckRun;
import org.citydata.quality.ItemHolder;
import org.citydata.quality.ItemHolders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "quality", description = "数据质量: 多元校核 (cross-checks) of data items held by more than one resource")
class QualityApi {

    private final CrossCheck crossCheck;
    private final ItemHolders holders;

    QualityApi(CrossCheck crossCheck, ItemHolders holders) {
        this.crossCheck = crossCheck;
        this.holders = holders;
    }

    /** {@code resource} (optional) narrows the check to one holder. */
    record RunRequest(String item, String resource) {}

    @GetMapping("/quality/held-items")
    @Operation(summary = "Every declaration that a resource field holds a copy of an authoritative data item")
    List<ItemHolder> heldItems(Actor actor) {
        return holders.all(actor);
    }

    @PostMapping("/resources/{code}/held-items")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Declare that a field of this resource holds a data item whose authoritative source is another resource")
    ItemHolder declare(Actor actor, @PathVariable String code, @RequestBody ItemHolders.Declaration declaration) {
        return unwrap(holders.declare(actor, code, declaration));
    }

    @DeleteMapping("/resources/{code}/held-items/{item}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw the declaration")
    void release(Actor actor, @PathVariable String code, @PathVariable String item) {
        unwrap(holders.release(actor, code, item));
    }

    @PostMapping("/quality/cross-checks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Compare an item's authoritative resource with the resources holding it; one run per holder")
    List<CrossCheckRun> run(Actor actor, @RequestBody RunRequest request) {
        return unwrap(crossCheck.run(actor, request.item(), request.resource()));
    }

    @GetMapping("/quality/cross-checks")
    @Operation(summary = "Runs newest first: the caller's department's, or any department's for the bureau and auditors")
    List<CrossCheckRun> runs(Actor actor, @RequestParam(required = false) String department,
                             @RequestParam(required = false) String item,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return unwrap(crossCheck.runs(actor, department, item, page, size));
    }

    @GetMapping("/quality/cross-checks/{id}")
    @Operation(summary = "One run, to the departments of both sides, the bureau and auditors")
    CrossCheckRun get(Actor actor, @PathVariable long id) {
        return unwrap(crossCheck.get(actor, id));
    }

    @GetMapping("/quality/cross-checks/{id}/conflicts")
    @Operation(summary = "A page of the run's conflicts by key: the authoritative value and the holder's")
    CrossCheck.ConflictPage conflicts(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return unwrap(crossCheck.conflicts(actor, id, page, size));
    }
}
