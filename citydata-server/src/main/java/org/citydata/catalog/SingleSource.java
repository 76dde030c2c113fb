package org.citydata.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.citydata.identity.AccessPolicy;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 一数一源: a department declares one of its resource's fields the authoritative source of a data item. The item then
 * belongs to that provider; another department's declaration is refused, naming the current owner.
 */
@Service
public class SingleSource {

    static final Pattern ITEM = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final String SELECT = """
            select a.item, a.label, r.code as resource_code, r.name as resource_name, a.field_name as field,
                   d.code as provider_code, d.name_zh as provider_name, a.declared_by, a.declared_at
            from catalog_authoritative_item a join catalog_resource r on r.id = a.resource_id
            join identity_department d on d.id = r.provider_id""";

    private final JdbcClient db;
    private final Catalog catalog;
    private final AccessPolicy policy;

    SingleSource(JdbcClient db, Catalog catalog, AccessPolicy policy) {
        this.db = db;
        this.catalog = catalog;
        this.policy = policy;
    }

    public record Declaration(String item, String label, String field) {}

    public List<AuthoritativeItem> all() {
        return db.sql(SELECT + " order by a.item").query(AuthoritativeItem.class).list();
    }

    @Transactional
    public Result<AuthoritativeItem> declare(Actor actor, String resourceCode, Declaration d) {
        var found = catalog.get(actor, resourceCode);
        if (!found.succeeded()) return Result.failure(found.problem());
        var resource = found.value();
        if (!policy.canEditResourcesOf(actor, resource.providerId())) return AccessPolicy.denied("resource " + resourceCode);
        var v = new ArrayList<Violation>();
        if (d.item() == null || !ITEM.matcher(d.item()).matches() || d.item().length() > 100) v.add(Violation.of("item", "item.code"));
        if (d.label() == null || d.label().isBlank()) v.add(Violation.of("label", "required"));
        if (resource.metadata().fields().stream().noneMatch(f -> f.name().equals(d.field())))
            v.add(Violation.of("field", "item.field", String.valueOf(d.field())));
        if (!v.isEmpty()) return Result.failure(Problem.invalid("CATALOG_INVALID_ITEM", v));
        // the row lock of the existing declaration (if any) orders two departments declaring at once
        var owner = db.sql(SELECT + " where a.item = ? for update of a").param(d.item()).query(AuthoritativeItem.class).optional();
        if (owner.isPresent() && !owner.get().providerCode().equals(resource.metadata().providerCode()))
            return Result.failure(Problem.conflict("CATALOG_ITEM_OWNED", d.item(), owner.get().providerName(), owner.get().resourceCode()));
        // a provider may move its own item between its resources; a concurrent first declaration by another provider
        // arrives here as a conflict that updates nothing
        int written = db.sql("""
                insert into catalog_authoritative_item (item, label, resource_id, field_name, declared_by) values (?, ?, ?, ?, ?)
                on conflict (item) do update set label = excluded.label, resource_id = excluded.resource_id,
                    field_name = excluded.field_name, declared_by = excluded.declared_by, declared_at = now()
                where catalog_authoritative_item.resource_id in (select id from catalog_resource where provider_id = ?)""")
                .params(d.item(), d.label().strip(), resource.id(), d.field(), actor.signature(), resource.providerId()).update();
        if (written == 0) {
            var holder = db.sql(SELECT + " where a.item = ?").param(d.item()).query(AuthoritativeItem.class).single();
            return Result.failure(Problem.conflict("CATALOG_ITEM_OWNED", d.item(), holder.providerName(), holder.resourceCode()));
        }
        return Result.ok(db.sql(SELECT + " where a.item = ?").param(d.item()).query(AuthoritativeItem.class).single());
    }

    /** The owner, or the bureau when coordinating, releases an item so another department may declare it. */
    @Transactional
    public Result<Void> release(Actor actor, String item) {
        var owner = db.sql(SELECT + " where a.item = ?").param(item).query(AuthoritativeItem.class).optional();
        if (owner.isEmpty()) return Result.failure(Problem.notFound("CATALOG_ITEM_NOT_FOUND", item));
        var resource = catalog.get(actor, owner.get().resourceCode());
        if (!resource.succeeded() || !policy.canEditResourcesOf(actor, resource.value().providerId()))
            return AccessPolicy.denied("item " + item);
        db.sql("delete from catalog_authoritative_item where item = ?").param(item).update();
        return Result.ok(null);
    }
}
