package org.citydata.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.citydata.kernel.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CKAN action's data dict — a GET's query parameters (a repeated one becomes a list), or a POST's JSON object — read
 * as CKAN's validators read it: numbers and booleans may come as text, lists as JSON text. An accessor notes a
 * violation on the parameter's name instead of failing at once, so that one answer names every bad parameter, as
 * CKAN's does; {@link #checked} then gives the value or the {@code CKAN_INVALID} problem.
 */
final class CkanParams {

    /** A data dict is a few parameters; a larger body is not one. */
    static final int MAX_BODY = 1 << 20;

    private final ObjectNode data;
    private final List<Violation> violations = new ArrayList<>();

    private CkanParams(ObjectNode data) {
        this.data = data;
        data.remove("callback"); // JSONP: CKAN drops it from the data dict; we do not answer JSONP at all
    }

    /**
     * The data dict of a request: a POST's JSON body when it has one, else the query (or form) parameters, as CKAN's
     * {@code _get_request_data} reads them. A body that is not a JSON object fails with {@code CKAN_MALFORMED_JSON},
     * whose argument is the detail CKAN's "Bad request - JSON Error: …" carries.
     */
    static Result<CkanParams> read(HttpServletRequest request, JsonMapper json) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (request.getMethod().equals("POST") && !type.startsWith("application/x-www-form-urlencoded")
                && !type.startsWith("multipart/")) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) return malformed("the body is larger than " + MAX_BODY + " bytes");
            if (!new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                JsonNode node;
                try {
                    node = json.readTree(body);
                } catch (JacksonException e) {
                    var at = e.getLocation();
                    return malformed("Error decoding JSON data. Error: " + e.getOriginalMessage()
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
                }
                if (!(node instanceof ObjectNode object))
                    return malformed("Request data JSON decoded to " + node + " but it needs to be a dictionary.");
                return Result.ok(new CkanParams(object));
            }
        }
        var params = request.getParameterMap();
        if (params.size() == 1 && type.startsWith("application/x-www-form-urlencoded")) {
            // curl -d '{"resource_id": …}', as CKAN's own documentation calls the API, posts the JSON as a form whose
            // one field is the JSON text with an empty value: CKAN reads it as the JSON, and so does this
            var only = params.entrySet().iterator().next();
            if (only.getValue().length == 1 && (only.getValue()[0].isEmpty() || only.getValue()[0].equals("1"))
                    && only.getKey().strip().startsWith("{")) {
                try {
                    if (json.readTree(only.getKey()) instanceof ObjectNode object) return Result.ok(new CkanParams(object));
                } catch (JacksonException e) {
                    return malformed("Error decoding JSON data. Error: " + e.getOriginalMessage());
                }
            }
        }
        var data = json.createObjectNode();
        params.forEach((name, values) -> {
            if (values.length == 1) data.put(name, values[0]);
            else {
                var list = data.putArray(name);
                for (String v : values) list.add(v);
            }
        });
        return Result.ok(new CkanParams(data));
    }

    private static Result<CkanParams> malformed(String detail) {
        return Result.failure(Problem.of(Problem.Kind.INVALID, "CKAN_MALFORMED_JSON", detail));
    }

    Set<String> names() {
        return Set.copyOf(data.propertyNames());
    }

    boolean has(String name) {
        return data.hasNonNull(name);
    }

    JsonNode node(String name) {
        return data.get(name);
    }

    /** The data dict as given, for links that repeat the request. */
    ObjectNode data() {
        return data.deepCopy();
    }

    void violation(String name, String code, Object... args) {
        violations.add(Violation.of(name, code, args));
    }

    /** Text: a string, or a number or boolean written as text; absent, null and blank are null. */
    String text(String name) {
        var n = data.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isValueNode()) {
            violation(name, "ckan.text");
            return null;
        }
        String s = n.asString().strip();
        return s.isEmpty() ? null : s;
    }

    /** Required text (CKAN's not_missing, not_empty). */
    String required(String name) {
        String s = text(name);
        if (s == null && !violated(name)) violation(name, "ckan.missing");
        return s;
    }

    /** CKAN's int_validator: a whole number, as a number or as text; absent and blank are null. */
    Integer integer(String name) {
        var n = data.get(name);
        if (n == null || n.isNull()) return null;
        if (n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToInt()) return n.asInt();
        if (n.isString()) {
            String s = n.asString().strip();
            if (s.isEmpty()) return null;
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                // noted below
            }
        }
        violation(name, "ckan.integer");
        return null;
    }

    /** CKAN's natural_number_validator, absent giving {@code fallback}, then cut to {@code max} as CKAN's limits are. */
    int natural(String name, int fallback, int max) {
        Integer v = integer(name);
        if (v == null) return Math.min(fallback, max);
        if (v < 0) {
            violation(name, "ckan.natural_number");
            return 0;
        }
        return Math.min(v, max);
    }

    /** CKAN's asbool: true/false, yes/no, on/off, 1/0, t/f, y/n in any case, or a JSON boolean. */
    boolean bool(String name, boolean fallback) {
        var n = data.get(name);
        if (n == null || n.isNull()) return fallback;
        if (n.isBoolean()) return n.asBoolean();
        if (n.isValueNode()) {
            switch (n.asString().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y", "t", "1": return true;
                case "false", "no", "off", "n", "f", "0": return false;
                case "": return fallback;
                default: break;
            }
        }
        violation(name, "ckan.boolean");
        return fallback;
    }

    /** A JSON value, which a GET sends as JSON text (CKAN's convert_to_json_if_string); null when absent. */
    JsonNode json(String name, JsonMapper json) {
        var n = data.get(name);
        if (n == null || n.isNull()) return null;
        if (!n.isString()) return n;
        try {
            return json.readTree(n.asString());
        } catch (JacksonException e) {
            violation(name, "ckan.json", e.getOriginalMessage());
            return null;
        }
    }

    /** A list of strings sent as a JSON list, or as JSON text of one (facet.field); empty when absent. */
    List<String> jsonList(String name, JsonMapper json) {
        var n = json(name, json);
        if (n == null) return List.of();
        return strings(name, n);
    }

    /** A list of strings sent as a JSON list, or as text separated by commas (CKAN's get_list); empty when absent. */
    List<String> commaList(String name) {
        var n = data.get(name);
        if (n == null || n.isNull()) return List.of();
        if (n.isValueNode()) {
            var out = new ArrayList<String>();
            for (String part : n.asString().split(",")) if (!part.isBlank()) out.add(part.strip());
            return out;
        }
        return strings(name, n);
    }

    private List<String> strings(String name, JsonNode n) {
        if (!n.isArray() || n.valueStream().anyMatch(v -> !v.isString())) {
            violation(name, "ckan.list_of_strings");
            return List.of();
        }
        return n.valueStream().map(v -> v.asString().strip()).filter(s -> !s.isEmpty()).toList();
    }

    /** CKAN's {@code __junk} check: a parameter the action does not take is refused rather than silently ignored. */
    void onlyKnown(Set<String> known) {
        names().stream().filter(n -> !known.contains(n)).sorted().forEach(n -> violation(n, "ckan.unexpected"));
    }

    private boolean violated(String name) {
        return violations.stream().anyMatch(v -> v.field().equals(name));
    }

    /** The value, if every parameter read so far was well formed; else {@code CKAN_INVALID} with a violation each. */
    <T> Result<T> checked(Supplier<Result<T>> then) {
        if (!violations.isEmpty()) return Result.failure(Problem.invalid("CKAN_INVALID", violations));
        return then.get();
    }
}
