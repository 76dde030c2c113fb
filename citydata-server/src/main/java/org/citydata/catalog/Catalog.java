package org.citydata.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.citydata.catalog.internal.ResourceRepository;
import org.citydata.catalog.internal.ResourceValidator;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.citydata.kernel.id.ResourceCode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's one way in for changes: create, edit, publish, retire. Each call checks who may act, validates,
 * writes the entry and its new version together, then announces {@link ResourceChanged} for the search index.
 */
@Service
public class Catalog {

    private final ResourceRepository resources;
    private final ResourceValidator validator;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    Catalog(ResourceRepository resources, ResourceValidator validator, AccessPolicy policy,
            ApplicationEventPublisher events, JsonMapper json) {
        this.resources = resources;
        this.validator = validator;
        this.policy = policy;
        this.events = events;
        this.json = json;
    }

    /** A resource as this actor may see it: drafts only to their department, the bureau and auditors. */
    public Result<Resource> get(Actor actor, String code) {
        if (ResourceCode.parse(code).isEmpty()) return Result.failure(Problem.of(Problem.Kind.INVALID, "CATALOG_MALFORMED_CODE", code));
        return resources.findByCode(code)
                .filter(r -> visible(actor, r))
                .<Result<Resource>>map(Result::ok)
                .orElseGet(() -> Result.failure(Problem.notFound("CATALOG_NOT_FOUND", code)));
    }

    /**
     * {@link #get(Actor, String)} for many codes at once, read from the database now rather than as read in the last
     * seconds (for a reader that keeps what it reads): the resources the actor may see, by code; malformed, unknown and
     * hidden codes are left out.
     */
    public java.util.Map<String, Resource> readEach(Actor actor, java.util.Collection<String> codes) {
        var wellFormed = codes.stream().filter(c -> ResourceCode.parse(c).isPresent()).toList();
        var visible = new java.util.HashMap<String, Resource>();
        resources.findByCodes(wellFormed).forEach(r -> {
            if (visible(actor, r)) visible.put(r.code(), r);
        });
        return visible;
    }

    /** The same by database id, for modules that keep the id (data versions, load runs). */
    public Result<Resource> get(Actor actor, long id) {
        return resources.findById(id).filter(r -> visible(actor, r)).<Result<Resource>>map(Result::ok)
                .orElseGet(() -> Result.failure(Problem.notFound("CATALOG_NOT_FOUND", id)));
    }

    /** A published resource and its provider, for counts across the catalog (collection rate, scoreboards). */
    public record PublishedRef(long id, long providerId) {}

    public List<PublishedRef> published() {
        return resources.published();
    }

    /** The one visibility rule: drafts only to their department, the bureau and auditors; everything else to all. */
    public boolean visible(Actor actor, Resource resource) {
        return resource.status() != ResourceStatus.DRAFT || policy.canSeeUnpublishedOf(actor, resource.providerId());
    }

    public boolean canEdit(Actor actor, Resource resource) {
        return resource.status() != ResourceStatus.RETIRED && policy.canEditResourcesOf(actor, resource.providerId());
    }

    @Transactional
    public Result<Resource> create(Actor actor, ResourceDraft draft) {
        var invalid = validate(actor, draft, null);
        if (invalid.isPresent()) return Result.failure(invalid.get());
        long providerId = resources.departmentId(draft.providerCode()).orElseThrow();
        if (!policy.canEditResourcesOf(actor, providerId)) return AccessPolicy.denied("resources of " + draft.providerCode());
        var prefix = "" + draft.resourceType().digit + draft.theme().code;
        int sequence = resources.nextSequence(prefix + "-" + draft.providerCode());
        var code = new ResourceCode(prefix, draft.providerCode(), sequence).toString();
        long id = resources.insert(code, providerId, ResourceStatus.DRAFT, draft);
        return recordAndAnnounce(actor, id, "CREATE");
    }

    /**
     * Replaces the metadata. {@code expectedVersion} (when given) must be the version the editor started from, so
     * two people editing at once cannot silently overwrite each other.
     */
    @Transactional
    public Result<Resource> update(Actor actor, String code, Integer expectedVersion, ResourceDraft draft) {
        var existing = editable(actor, code);
        if (!existing.succeeded()) return existing;
        var current = existing.value();
        if (expectedVersion != null && expectedVersion != current.version())
            return Result.failure(Problem.conflict("CATALOG_STALE_VERSION", code, expectedVersion, current.version()));
        var invalid = validate(actor, draft, code);
        if (invalid.isPresent()) return Result.failure(invalid.get());
        long providerId = resources.departmentId(draft.providerCode()).orElseThrow();
        // moving a resource to another provider needs the right to edit there too
        if (!policy.canEditResourcesOf(actor, providerId)) return AccessPolicy.denied("resources of " + draft.providerCode());
        if (current.metadata().equals(draft)) return Result.ok(current); // nothing changed: no new version
        if (!resources.update(current.id(), providerId, current.version() + 1, draft)) return stale(code, expectedVersion);
        return recordAndAnnounce(actor, current.id(), "UPDATE");
    }

    @Transactional
    public Result<Resource> publish(Actor actor, String code) {
        return transition(actor, code, ResourceStatus.DRAFT, ResourceStatus.PUBLISHED, "PUBLISH");
    }

    @Transactional
    public Result<Resource> retire(Actor actor, String code) {
        return transition(actor, code, ResourceStatus.PUBLISHED, ResourceStatus.RETIRED, "RETIRE");
    }

    public Result<List<ResourceVersion>> history(Actor actor, String code) {
        return get(actor, code).map(r -> resources.versions(r.id()).stream()
                .map(v -> new ResourceVersion(v.version(), v.changedBy(), v.changedAt(), v.action(),
                        json.readValue(v.snapshot(), ResourceVersion.Snapshot.class)))
                .toList());
    }

    public Result<ResourceVersion> version(Actor actor, String code, int version) {
        return history(actor, code).flatMap(all -> all.stream().filter(v -> v.version() == version).findFirst()
                .<Result<ResourceVersion>>map(Result::ok)
                .orElseGet(() -> Result.failure(Problem.notFound("CATALOG_VERSION_NOT_FOUND", code + " v" + version))));
    }

    /** The changes from one version to another (either order is allowed). */
    public Result<ResourceDiff> diff(Actor actor, String code, int from, int to) {
        return version(actor, code, from).flatMap(a -> version(actor, code, to)
                .map(b -> ResourceDiff.between(a.snapshot(), b.snapshot())));
    }

    private Result<Resource> transition(Actor actor, String code, ResourceStatus from, ResourceStatus to, String action) {
        var existing = editable(actor, code);
        if (!existing.succeeded()) return existing;
        var r = existing.value();
        if (r.status() != from) return Result.failure(Problem.conflict("CATALOG_BAD_TRANSITION", code, r.status(), to));
        var releaseDate = to == ResourceStatus.PUBLISHED && r.metadata().releaseDate() == null
                ? LocalDate.now() : r.metadata().releaseDate();
        if (!resources.setStatus(r.id(), to, r.version() + 1, releaseDate)) return stale(code, r.version());
        return recordAndAnnounce(actor, r.id(), action);
    }

    /** Another change committed between our read and our write. */
    private Result<Resource> stale(String code, Integer edited) {
        int now = resources.findByCode(code).map(Resource::version).orElse(0);
        return Result.failure(Problem.conflict("CATALOG_STALE_VERSION", code, edited == null ? now - 1 : edited, now));
    }

    private Result<Resource> editable(Actor actor, String code) {
        var found = get(actor, code);
        if (!found.succeeded()) return found;
        var r = found.value();
        if (!policy.canEditResourcesOf(actor, r.providerId())) return AccessPolicy.denied("resource " + code);
        if (r.status() == ResourceStatus.RETIRED) return Result.failure(Problem.conflict("CATALOG_RETIRED", code));
        return found;
    }

    /** The rules' verdict on a draft, without writing anything (an import reports every problem of a row at once). */
    public List<Violation> check(Actor actor, ResourceDraft draft) {
        return validate(actor, draft, null).map(Problem::violations).orElse(List.of());
    }

    private Optional<Problem> validate(Actor actor, ResourceDraft draft, String ownCode) {
        var violations = validator.validate(draft, ownCode, new ResourceValidator.Lookups() {
            public boolean departmentExists(String c) {
                return resources.departmentId(c).isPresent();
            }

            // a draft the actor may not see does not exist for it: the check must not reveal it
            public boolean resourceExists(String c) {
                return resources.findByCode(c).filter(r -> visible(actor, r)).isPresent();
            }
        });
        return violations.isEmpty() ? Optional.empty() : Optional.of(Problem.invalid("CATALOG_INVALID", violations));
    }

    private Result<Resource> recordAndAnnounce(Actor actor, long id, String action) {
        var saved = resources.findById(id).orElseThrow();
        var snapshot = new ResourceVersion.Snapshot(saved.code(), saved.status(), saved.metadata());
        resources.recordVersion(id, saved.version(), actor.signature(), action, json.writeValueAsString(snapshot));
        events.publishEvent(new ResourceChanged(id, saved.code()));
        return Result.ok(saved);
    }
}
