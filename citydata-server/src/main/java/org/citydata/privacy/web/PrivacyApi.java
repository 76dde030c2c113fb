package org.citydata.privacy.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Resource;
import org.citydata.catalog.Sensitivity;
import org.citydata.identity.Actor;
import org.citydata.platform.web.RequestIdFilter;
import org.citydata.privacy.FieldProposal;
import org.citydata.privacy.PiiScan;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "privacy", description = "个人信息检测: proposed field sensitivities from a resource's data, confirmed into the catalog")
class PrivacyApi {

    private final PiiScan scan;

    PrivacyApi(PiiScan scan) {
        this.scan = scan;
    }

    /** Field name to the level chosen for it, e.g. {@code {"id_number": "L4"}}. */
    record ConfirmRequest(Map<String, Sensitivity> sensitivities) {}

    record FieldView(String name, String label, Sensitivity sensitivity) {}

    /** The resource after the change: its metadata version (unchanged when nothing changed) and every field's level. */
    record ConfirmedView(String code, int version, List<FieldView> fields) {
        static ConfirmedView of(Resource r) {
            return new ConfirmedView(r.code(), r.version(), r.metadata().fields().stream()
                    .map(f -> new FieldView(f.name(), f.label(), f.sensitivity())).toList());
        }
    }

    @PostMapping("/resources/{code}/pii-scan")
    @Operation(summary = "Detect personal data in the first 1,000 rows of the current data and propose each such field's "
            + "sensitivity and default masking (the provider's officers, the bureau); the read is recorded")
    List<FieldProposal> scan(Actor actor, @PathVariable String code, HttpServletRequest request) {
        return unwrap(scan.scan(actor, code, RequestIdFilter.of(request)));
    }

    @PostMapping("/resources/{code}/pii-scan/confirm")
    @Operation(summary = "Set the chosen fields' sensitivities in the catalog (a new metadata version)")
    ConfirmedView confirm(Actor actor, @PathVariable String code, @RequestBody ConfirmRequest body) {
        return ConfirmedView.of(unwrap(scan.confirm(actor, code, body.sensitivities())));
    }
}
