package org.citydata.exchange.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.Catalog;
import org.citydata.catalog.FieldSpec;
import org.citydata.exchange.Grant;
import org.citydata.identity.Actor;
import org.citydata.kernel.privacy.Masking;
import org.springframework.stereotype.Component;

/**
 * An OpenAPI 3 description of one resource's exchange endpoints as one application may call them: only its granted
 * fields, each typed as delivered (a masked field is always text, whatever its stored type), with the masking named.
 */
@Component
class ServiceDescription {

    private final Catalog catalog;

    ServiceDescription(Catalog catalog) {
        this.catalog = catalog;
    }

    Map<String, Object> describe(Grant grant, String serverUrl) {
        var resource = catalog.get(Actor.system(0), grant.resourceId()).value();
        var fields = resource.metadata().fields().stream().filter(f -> grant.fields().containsKey(f.name())).toList();
        var properties = new LinkedHashMap<String, Object>();
        for (var f : fields) properties.put(f.name(), schema(f, grant.fields().get(f.name())));
        String base = "/api/v1/exchange/resources/" + resource.code();
        var keys = fields.stream().filter(FieldSpec::key).toList();

        var paths = new LinkedHashMap<String, Object>();
        if (resource.metadata().fields().stream().filter(FieldSpec::key).count() == 1 && keys.size() == 1)
            paths.put(base + "/records/{key}", Map.of("get", operation("lookup", "按主键查询 / key lookup by " + keys.get(0).name(),
                    List.of(param("key", "path", true, "value of " + keys.get(0).name() + " (" + keys.get(0).label() + ")")),
                    ref("Record"))));
        paths.put(base + "/rows", Map.of("get", operation("rows", "条件查询 / filtered, paged query", List.of(
                param("fields", "query", false, "comma-separated granted fields"),
                param("filter", "query", false, "field:op:value, repeatable; masked fields allow eq, ne, in, isnull, notnull only"),
                param("sort", "query", false, "fields to order by (clear fields only); leading - for descending"),
                param("page", "query", false, "from 0"), param("size", "query", false, "1-500")), ref("RowPage"))));
        paths.put(base + "/export", Map.of("get", operation("export", "批量导出 / bulk export, streamed", List.of(
                param("format", "query", false, "csv, json or jsonl"), param("filter", "query", false, "as for rows")),
                Map.of("type", "string", "format", "binary"))));
        paths.put(base + "/changes", Map.of("get", operation("changes", "变更订阅 / rows changed since a data version",
                List.of(param("since", "query", true, "data version already held"), param("page", "query", false, "from 0"),
                        param("size", "query", false, "1-1000")), ref("ChangePage"))));

        var schemas = new LinkedHashMap<String, Object>();
        schemas.put("Record", Map.of("type", "object", "properties", Map.of(
                "resource", Map.of("type", "string"), "version", Map.of("type", "integer"),
                "record", Map.of("type", "object", "properties", properties))));
        schemas.put("RowPage", Map.of("type", "object", "properties", Map.of(
                "version", Map.of("type", "integer"), "fields", Map.of("type", "array", "items", Map.of("type", "string")),
                "rows", Map.of("type", "array", "items", Map.of("type", "array", "items", Map.of())),
                "total", Map.of("type", "integer"), "page", Map.of("type", "integer"), "size", Map.of("type", "integer"))));
        schemas.put("ChangePage", Map.of("type", "object", "properties", Map.of(
                "since", Map.of("type", "integer"), "version", Map.of("type", "integer"),
                "fields", Map.of("type", "array", "items", Map.of("type", "string")),
                "changes", Map.of("type", "array", "items", Map.of("type", "object", "properties", Map.of(
                        "op", Map.of("type", "string", "enum", List.of("upsert", "delete")),
                        "values", Map.of("type", "array", "items", Map.of())))),
                "more", Map.of("type", "boolean"))));
        schemas.put("Fields", Map.of("type", "object", "properties", properties));

        var doc = new LinkedHashMap<String, Object>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", resource.metadata().name() + "（" + resource.code() + "）共享服务",
                "version", String.valueOf(resource.version()),
                "description", "授权 #" + grant.id() + "，用途：" + grant.purpose() + "；有效期 " + grant.validFrom() + " 至 " + grant.validUntil()
                        + "；限流 " + grant.ratePerMinute() + " 次/分钟；每日 " + grant.dailyRowQuota() + " 行。"
                        + "每次请求须带 X-Citydata-Purpose（用途/案件编号，可用 UTF-8 百分号编码）。"));
        doc.put("servers", List.of(Map.of("url", serverUrl)));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas, "securitySchemes",
                Map.of("token", Map.of("type", "http", "scheme", "bearer", "description", "应用令牌 cdt_…"))));
        doc.put("security", List.of(Map.of("token", List.of())));
        return doc;
    }

    private static Map<String, Object> schema(FieldSpec f, Masking masking) {
        var s = new LinkedHashMap<String, Object>();
        if (masking == Masking.CLEAR) {
            switch (f.type()) {
                case INTEGER -> s.put("type", "integer");
                case DECIMAL -> s.put("type", "number");
                case BOOLEAN -> s.put("type", "boolean");
                case DATE -> { s.put("type", "string"); s.put("format", "date"); }
                case TIMESTAMP -> { s.put("type", "string"); s.put("format", "date-time"); }
                default -> s.put("type", "string");
            }
        } else {
            s.put("type", "string");
        }
        s.put("nullable", true);
        s.put("description", (f.label() == null ? f.name() : f.label()) + (masking == Masking.CLEAR ? "" : "（脱敏：" + masking.text() + "）"));
        s.put("x-masking", masking.text());
        return s;
    }

    private static Map<String, Object> param(String name, String in, boolean required, String description) {
        return Map.of("name", name, "in", in, "required", required, "description", description, "schema", Map.of("type", "string"));
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private static Map<String, Object> operation(String id, String summary, List<Map<String, Object>> params, Map<String, Object> schema) {
        var parameters = new ArrayList<Map<String, Object>>(params);
        parameters.add(param("X-Citydata-Purpose", "header", true, "用途或案件编号 / the case or reason"));
        parameters.add(param("X-Citydata-User", "header", false, "发起查询的最终用户 / the end user acting"));
        parameters.add(param("X-Request-Id", "header", false, "请求编号 / request id, echoed and kept in the access record"));
        var op = new LinkedHashMap<String, Object>();
        op.put("operationId", id);
        op.put("summary", summary);
        op.put("parameters", parameters);
        op.put("responses", Map.of(
                "200", Map.of("description", "OK", "content", Map.of("application/json", Map.of("schema", schema))),
                "403", Map.of("description", "EXCHANGE_NO_GRANT, DATASTORE_FIELD_NOT_GRANTED, …"),
                "429", Map.of("description", "EXCHANGE_RATE_LIMITED, EXCHANGE_QUOTA (Retry-After)")));
        return op;
    }
}
