package org.citydata.quality;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citydata.catalog.AuthoritativeItem;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.Resource;
import org.citydata.catalog.SingleSource;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.identity.Departments;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which resources hold a copy of a data item. The item's authoritative source stays the one the catalog names
 * (一数一源); a department declares here that one of its other resources also carries the item, in which field, so a
 * cross-check can compare the two.
 */
@Service
public class ItemHolders {

    /** The platform's own view of the catalog: a holder or source may be another department's draft. */
    static final Actor PLATFORM = Actor.system(0);

    public record Declaration(String item, String field) {}

    /** A holder as stored, before names are looked up. */
    record Stored(String item, long resourceId, String field, String declaredBy, OffsetDateTime declaredAt) {}

    private final JdbcClient db;
    private final Catalog catalog;
    private final SingleSource singleSource;
    private final Departments departments;
    private final AccessPolicy policy;

    ItemHolders(JdbcClient db, Catalog catalog, SingleSource singleSource, Departments departments, AccessPolicy policy) {
        this.db = db;
        this.catalog = catalog;
        this.singleSource = singleSource;
        this.departments = departments;
        this.policy = policy;
    }

    /**
     * Every declaration the actor may see, by item then resource: declarations are metadata, shown with their resource
     * wherever the catalog shows it (another department's draft stays hidden).
     */
    public List<ItemHolder> all(Actor actor) {
        var names = departments.byId();
        return stored(null).stream()
                .map(s -> Map.entry(s, catalog.get(actor, s.resourceId())))
                .filter(e -> e.getValue().succeeded())
                .map(e -> {
                    var s = e.getKey();
                    var r = e.getValue().value();
                    return new ItemHolder(s.item(), r.code(), r.metadata().name(), s.field(), names.get(r.providerId()).code(),
                            s.declaredBy(), s.declaredAt());
                }).toList();
    }

    List<Stored> stored(String item) {
        var sql = db.sql("select item, resource_id, field_name as field, declared_by, declared_at from quality_item_holder"
                + (item == null ? "" : " where item = ?") + " order by item, resource_id");
        return (item == null ? sql : sql.param(item)).query(Stored.class).list();
    }

    Optional<AuthoritativeItem> source(String item) {
        return singleSource.all().stream().filter(i -> i.item().equals(item)).findFirst();
    }

    /** The provider's editors declare that a field of their resource holds an item another resource is the source of. */
    @Transactional
    public Result<ItemHolder> declare(Actor actor, String resourceCode, Declaration d) {
        var found = catalog.get(actor, resourceCode);
        if (!found.succeeded()) return Result.failure(found.problem());
        Resource resource = found.value();
        if (!policy.canEditResourcesOf(actor, resource.providerId())) return AccessPolicy.denied("resource " + resourceCode);
        var source = d.item() == null ? Optional.<AuthoritativeItem>empty() : source(d.item());
        if (source.isEmpty()) return Result.failure(Problem.notFound("QUALITY_ITEM_NOT_DECLARED", String.valueOf(d.item())));
        if (resource.metadata().fields().stream().noneMatch(f -> f.name().equals(d.field())))
            return Result.failure(Problem.invalid("QUALITY_INVALID_HOLDER",
                    List.of(Violation.of("field", "item.field", String.valueOf(d.field())))));
        // the source itself is not a copy of the item: comparing it with itself would prove nothing
        if (source.get().resourceCode().equals(resourceCode))
            return Result.failure(Problem.conflict("QUALITY_HOLDER_IS_SOURCE", d.item(), resourceCode));
        db.sql("""
                insert into quality_item_holder (item, resource_id, field_name, declared_by) values (?, ?, ?, ?)
                on conflict (item, resource_id) do update set field_name = excluded.field_name,
                    declared_by = excluded.declared_by, declared_at = now()""")
                .params(d.item(), resource.id(), d.field(), actor.signature()).update();
        return Result.ok(all(actor).stream().filter(h -> h.item().equals(d.item()) && h.resourceCode().equals(resourceCode))
                .findFirst().orElseThrow());
    }

    @Transactional
    public Result<Void> release(Actor actor, String resourceCode, String item) {
        var found = catalog.get(actor, resourceCode);
        if (!found.succeeded()) return Result.failure(found.problem());
        if (!policy.canEditResourcesOf(actor, found.value().providerId())) return AccessPolicy.denied("resource " + resourceCode);
        int deleted = db.sql("delete from quality_item_holder where item = ? and resource_id = ?")
                .params(item, found.value().id()).update();
        return deleted == 0 ? Result.failure(Problem.notFound("QUALITY_HOLDER_NOT_FOUND", item + " @ " + resourceCode))
                : Result.ok(null);
    }
}
