package org.citydata.privacy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.catalog.Resource;
import org.citydata.catalog.ResourceDraft;
import org.citydata.catalog.Sensitivity;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.ReadTerms;
import org.citydata.datastore.RowQuery;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.kernel.privacy.Masker;
import org.citydata.kernel.privacy.PiiDetector;
import org.citydata.kernel.privacy.SensitivityDefaults;
import org.springframework.stereotype.Service;

/**
 * Proposes field sensitivities from a resource's data, and writes the ones the officer confirms into the catalog.
 *
 * <p>The sample is the first {@value #SAMPLE_ROWS} rows of the current version, read through the datastore's access
 * path like any other read, so it is recorded with the purpose {@value #PURPOSE}. Only those who may edit the
 * resource (the provider's officers, the bureau) scan it. The bureau reads another department's L3/L4 fields masked,
 * so its scans find nothing more in those fields; the provider's officers read them in clear.
 */
@Service
public class PiiScan {

    static final int SAMPLE_ROWS = 1_000;
    static final String PURPOSE = "PII 检测";
    private static final int PAGE = 500; // the access path's largest page

    private final Catalog catalog;
    private final Datastore datastore;
    private final AccessPolicy policy;
    private final Masker masker;

    PiiScan(Catalog catalog, Datastore datastore, AccessPolicy policy, Masker masker) {
        this.catalog = catalog;
        this.datastore = datastore;
        this.policy = policy;
        this.masker = masker;
    }

    /**
     * One proposal per field whose sample is personal data of a kind {@link PiiDetector} knows, in catalog order; an
     * empty list when none is. {@code DATASTORE_NO_DATA} when the resource has no data yet, {@code IDENTITY_FORBIDDEN}
     * for anyone who may not edit it.
     */
    public Result<List<FieldProposal>> scan(Actor actor, String resourceCode, String requestId) {
        var found = editable(actor, resourceCode);
        if (!found.succeeded()) return Result.failure(found.problem());
        var sample = sample(actor, resourceCode, requestId);
        if (!sample.succeeded()) return Result.failure(sample.problem());
        var proposals = new ArrayList<FieldProposal>();
        for (var field : found.value().metadata().fields()) {
            var values = sample.value().get(field.name());
            if (values == null) continue;
            var detection = PiiDetector.detect(values);
            if (detection.kind().isEmpty()) continue;
            var kind = detection.kind().get();
            var detected = Sensitivity.valueOf(kind.proposedSensitivity());
            var proposed = detected.compareTo(field.sensitivity()) > 0 ? detected : field.sensitivity();
            var rule = SensitivityDefaults.ruleFor(proposed.name(), kind).value(); // L1–L4 always have a default
            var example = values.stream().filter(v -> v != null && !v.isBlank()).findFirst()
                    .map(v -> masker.apply(rule, v.strip())).orElse(null);
            proposals.add(new FieldProposal(field.name(), field.label(), field.sensitivity(), kind, detection.share(),
                    detection.nonBlank(), proposed, rule.text(), example));
        }
        return Result.ok(proposals);
    }

    /**
     * Sets the chosen fields' sensitivities through the catalog's own update, so the change is a new metadata version
     * with the officer's name. {@code PRIVACY_INVALID_CHOICE} when nothing is chosen, a field is unknown or a level
     * missing; the catalog's own refusals (retired, stale, L4 in an open resource) come as the catalog gives them.
     */
    public Result<Resource> confirm(Actor actor, String resourceCode, Map<String, Sensitivity> levels) {
        var found = editable(actor, resourceCode);
        if (!found.succeeded()) return found;
        var resource = found.value();
        var violations = new ArrayList<Violation>();
        if (levels == null || levels.isEmpty()) violations.add(Violation.of("sensitivities", "required"));
        var names = resource.metadata().fields().stream().map(FieldSpec::name).toList();
        if (levels != null) levels.forEach((name, level) -> {
            if (!names.contains(name)) violations.add(Violation.of("sensitivities." + name, "privacy.unknown_field", name));
            else if (level == null) violations.add(Violation.of("sensitivities." + name, "required"));
        });
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("PRIVACY_INVALID_CHOICE", violations));
        var fields = resource.metadata().fields().stream()
                .map(f -> levels.containsKey(f.name())
                        ? new FieldSpec(f.name(), f.label(), f.type(), f.length(), f.description(), levels.get(f.name()), f.key())
                        : f)
                .toList();
        return catalog.update(actor, resourceCode, resource.version(), withFields(resource.metadata(), fields));
    }

    private Result<Resource> editable(Actor actor, String resourceCode) {
        var found = catalog.get(actor, resourceCode);
        if (!found.succeeded()) return found;
        if (!policy.canEditResourcesOf(actor, found.value().providerId())) return AccessPolicy.denied("resource " + resourceCode);
        return found;
    }

    /** Each field's values as text, from the first rows in key order. */
    private Result<Map<String, List<String>>> sample(Actor actor, String resourceCode, String requestId) {
        var columns = new LinkedHashMap<String, List<String>>();
        for (int page = 0; page * PAGE < SAMPLE_ROWS; page++) {
            var read = datastore.read(ReadTerms.owner(actor, PURPOSE, requestId), RowQuery.page(resourceCode, null, page, PAGE));
            if (!read.succeeded()) return Result.failure(read.problem());
            var rows = read.value();
            for (var row : rows.rows()) {
                for (int i = 0; i < rows.fields().size(); i++)
                    columns.computeIfAbsent(rows.fields().get(i), k -> new ArrayList<>()).add(text(row.get(i)));
            }
            if (rows.rows().size() < PAGE) break;
        }
        return Result.ok(columns);
    }

    private static String text(Object value) {
        if (value == null) return null;
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static ResourceDraft withFields(ResourceDraft d, List<FieldSpec> fields) {
        return new ResourceDraft(d.name(), d.providerCode(), d.summary(), d.resourceType(), d.theme(), d.format(),
                d.shareType(), d.shareCondition(), d.shareMethods(), d.openType(), d.openCondition(), d.updateCycle(),
                d.releaseDate(), d.regionCode(), d.tags(), d.related(), fields);
    }
}
