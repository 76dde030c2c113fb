package org.citydata.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * {@link PrefixIndexedMappings} chooses what Spring's own lookup chooses: for every registered pattern (with sample
 * values, with the literal segments other patterns have where it has a variable, with a trailing slash), for every
 * method, media type and preflight, and for paths nothing maps — compared with Spring's lookup on the same
 * registrations (the inherited one, which looks at every mapping). Then the platform over HTTP: a 405, a 404 and a 200
 * on paths with variables.
 */
class HandlerLookupTest extends WebTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*[^}]+}|\\{([^}:]+):((?:[^{}]|\\{[^}]*})+)}|\\{[^}]+}|\\*\\*|\\*|\\?");
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final List<String> UNMAPPED = List.of("/", "/nope", "/api", "/api/open", "/api/open/v1/nope",
            "/api/open/v1/datasets/x1/nope", "/api/open/v1/datasets/x1/records/more", "/api/v1/resources/x1/nope/deeper",
            "/css/app.css", "/js/app.js", "/favicon.ico", "/webjars/x.js", "/API/open/v1/datasets/x1",
            // decoded and without path parameters, as PathPattern compares them
            "/api/open/v1/data%73ets/x1/records", "/api/open/v1/datasets;v=1/x1/records", "/api/open/v1/datasets/x%2F1",
            "//api/open/v1/datasets/x1", "/api/open/v1//datasets/x1", "/api/3/action/", "/api/3/action/package_show/x");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyPatternIsLookedUpAsSpringLooksItUp() throws Throwable {
        assertThat(mapping).isInstanceOf(PrefixIndexedMappings.class);
        assertThat(((PrefixIndexedMappings) mapping).narrowed()).isTrue();
        // ours, and Spring's own (AbstractHandlerMethodMapping's, past the override) on the very same registrations
        var access = MethodHandles.privateLookupIn(PrefixIndexedMappings.class, MethodHandles.lookup());
        var lookupType = MethodType.methodType(HandlerMethod.class, String.class, HttpServletRequest.class);
        MethodHandle ours = access.findVirtual(PrefixIndexedMappings.class, "lookupHandlerMethod", lookupType);
        MethodHandle springs = access.findSpecial(AbstractHandlerMethodMapping.class, "lookupHandlerMethod", lookupType,
                PrefixIndexedMappings.class);
        MethodHandle lookupPath = access.findVirtual(AbstractHandlerMapping.class, "initLookupPath",
                MethodType.methodType(String.class, HttpServletRequest.class));

        var patterns = new TreeSet<String>();
        mapping.getHandlerMethods().keySet().forEach(info -> info.getPathPatternsCondition().getPatterns().stream()
                .map(PathPattern::getPatternString).forEach(patterns::add));
        assertThat(patterns).hasSizeGreaterThan(150).contains("/api/open/v1/datasets/{code}/records");
        var paths = new LinkedHashSet<String>();
        for (String pattern : patterns) {
            String sample = sample(pattern, "x1");
            paths.add(sample);
            paths.add(sample + "/");
            paths.add(sample(pattern, "new"));
            paths.addAll(withOthersLiterals(pattern, patterns));
        }
        paths.addAll(UNMAPPED);

        List<String> differences = new ArrayList<>();
        int found = 0, refused = 0;
        for (String path : paths) {
            for (Asked asked : asked(path)) {
                String narrowed = outcome(ours, lookupPath, asked.request());
                String spring = outcome(springs, lookupPath, asked.request());
                if (!narrowed.equals(spring)) differences.add(asked + ":\n  ours   " + narrowed + "\n  Spring " + spring);
                if (narrowed.startsWith("handler")) found++;
                if (narrowed.startsWith("error")) refused++;
            }
        }
        assertThat(differences).isEmpty();
        // the samples do reach handlers, and refusals (405, 415, 406)
        assertThat(found).isGreaterThan(patterns.size());
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void overHttpAWrongMethodIs405AnUnknownPathIs404AndADatasetIsRead() {
        var anyone = anonymous();
        // only DELETE is mapped at /api/open/v1/developers/me/keys/{id}; the CKAN action takes GET and POST
        var wrongMethod = anyone.get("/api/open/v1/developers/me/keys/123");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("code").asString()).isEqualTo("REQUEST_METHOD_NOT_ALLOWED");
        assertThat(anyone.put("/api/3/action/no_such_action", Map.of()).status()).isEqualTo(405);
        assertThat(anyone.get("/api/open/v1/datasets/x1/nope").status()).isEqualTo(404);
        assertThat(anyone.get("/api/open/v1/nope").status()).isEqualTo(404);

        String code = anyone.get("/api/open/v1/datasets?size=1&openType=OPEN").json().get("data").get(0).get("code").asString();
        var dataset = anyone.get("/api/open/v1/datasets/" + code);
        assertThat(dataset.status()).isEqualTo(200);
        assertThat(dataset.json().get("data").get("code").asString()).isEqualTo(code);
        assertThat(anyone.get("/api/open/v1/datasets/" + code + "/records?size=1").status()).isEqualTo(200);
        // static files are still served past the mappings
        assertThat(anyone.get("/css/citydata.css").status()).isEqualTo(200);
    }

    /** The handler chosen (or the refusal) and what the lookup tells the rest of Spring MVC through the request. */
    private String outcome(MethodHandle lookup, MethodHandle lookupPath, HttpServletRequest request) throws Throwable {
        HandlerMethod handler;
        try {
            handler = (HandlerMethod) lookup.invoke(mapping, (String) lookupPath.invoke(mapping, request), request);
        } catch (Exception refusal) {
            // with the methods or media types it lists (Allow, Accept), in their order
            return "error " + refusal.getClass().getSimpleName() + " " + (refusal instanceof ErrorResponse response ? response.getHeaders() : "");
        }
        if (handler == null) return "none";
        String chosen = handler.getMethod().toGenericString();
        if (handler.getBean().getClass().getSimpleName().equals("HttpOptionsHandler")) {
            handler.getMethod().setAccessible(true);
            chosen += " answering " + handler.getMethod().invoke(handler.getBean());
        }
        return "handler " + chosen
                + " best " + (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod best ? best.getMethod() : null)
                + " pattern " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
                + " variables " + request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                + " matrix " + request.getAttribute(HandlerMapping.MATRIX_VARIABLES_ATTRIBUTE)
                + " produces " + request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
    }

    /** A request to look up: method, path, Accept, Content-Type, and for a CORS preflight the method it asks about. */
    private record Asked(String method, String path, String accept, String type, String preflight) {
        MockHttpServletRequest request() {
            var request = new MockHttpServletRequest(method, path);
            if (accept != null) request.addHeader("Accept", accept);
            if (type != null) request.setContentType(type);
            if (preflight != null) {
                request.addHeader("Origin", "https://elsewhere.example");
                request.addHeader("Access-Control-Request-Method", preflight);
            }
            return request;
        }
    }

    private static List<Asked> asked(String path) {
        var asked = new ArrayList<Asked>();
        for (String method : METHODS) {
            boolean body = List.of("POST", "PUT", "PATCH").contains(method);
            for (String accept : new String[] {null, "application/json", "text/html", "text/csv"}) {
                for (String type : body ? new String[] {"application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b"}
                        : new String[] {null}) {
                    asked.add(new Asked(method, path, accept, type, null));
                }
            }
        }
        for (String preflight : new String[] {"GET", "POST", "DELETE"}) asked.add(new Asked("OPTIONS", path, null, null, preflight));
        return asked;
    }

    /** The pattern with every variable or wildcard given a value it accepts. */
    private static String sample(String pattern, String value) {
        Matcher m = VARIABLE.matcher(pattern);
        var out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String replacement;
            if (token.startsWith("{*") || token.equals("**")) replacement = "a/b";
            else if (m.group(2) != null) replacement = accepted(m.group(2), value);
            else if (token.startsWith("{")) replacement = value;
            else replacement = "x";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String accepted(String regex, String preferred) {
        var tries = new ArrayList<>(List.of(preferred, "x1", "1", "a", "abc", "ABC"));
        tries.addAll(List.of(regex.split("\\|")));
        for (String candidate : tries) if (candidate.matches(regex)) return candidate;
        throw new IllegalStateException("no sample for " + regex);
    }

    /** Where the pattern has a variable, the literal segments other patterns have at that place after the same start. */
    private static Set<String> withOthersLiterals(String pattern, Set<String> patterns) {
        var paths = new LinkedHashSet<String>();
        String[] segments = pattern.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            if (!segments[i].contains("{") && !segments[i].contains("*")) continue;
            for (String other : patterns) {
                String[] theirs = other.split("/", -1);
                if (theirs.length <= i || theirs[i].contains("{") || theirs[i].contains("*") || theirs[i].isEmpty()) continue;
                if (!String.join("/", List.of(theirs).subList(0, i)).equals(String.join("/", List.of(segments).subList(0, i)))) continue;
                var mine = segments.clone();
                mine[i] = theirs[i];
                paths.add(sample(String.join("/", mine), "x1"));
            }
        }
        return paths;
    }
}
