package org.citydata.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring's request mapping, with a path that has variables tried only against the mappings whose leading literal
 * segments fit it. Spring tries every one of the ~240 mappings then (spring-framework#24901), each asking the request
 * its method, headers and media types through the chain of security wrappers: 12-17% of a public record read's request
 * thread.
 *
 * <p>The answer stays Spring's. A pattern matches only a path whose first decoded segments equal its leading literal
 * ones ({@code api, open, v1, datasets} of {@code /api/open/v1/datasets/{code}/records}), so the mappings the index
 * offers include every one that matches: the same matches as Spring's full scan, the same best of them. Whatever
 * depends on more than the matches is left to Spring's own lookup: two equally good matches (an error naming them),
 * a preflight matching several, a path some pattern matches but no mapping accepts (405, 415, 406 and the OPTIONS
 * answer come from all mappings, in Spring's order), and every lookup once a mapping is registered or removed at run
 * time.
 */
final class PrefixIndexedMappings extends RequestMappingHandlerMapping {

    private volatile Index index;

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        PathPatternParser parser = getPatternParser();
        // literal segments compare as text only with case-sensitive '/'-separated patterns (Spring's default)
        if (parser != null && parser.isCaseSensitive() && parser.getPathOptions().separator() == '/') {
            index = new Index(handlerMethods, this::getDirectPaths);
        }
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }

    /** Whether lookups are narrowed (for the test that compares them with Spring's). */
    boolean narrowed() {
        return index != null;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Index index = this.index;
        if (index == null) return super.lookupHandlerMethod(lookupPath, request);
        // as Spring: the mappings of this literal path first, and only if none of them matches, the others
        List<Match> matches = matching(index.direct.getOrDefault(lookupPath, List.of()), index, request);
        List<RequestMappingInfo> candidates = null;
        if (matches.isEmpty()) {
            candidates = index.candidates(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication());
            matches = matching(candidates, index, request);
        }
        if (matches.isEmpty()) {
            // no pattern matches either: Spring would find nothing, partial matches included (a 404 or a static file)
            for (RequestMappingInfo info : candidates) {
                if (info.getActivePatternsCondition().getMatchingCondition(request) != null) {
                    return super.lookupHandlerMethod(lookupPath, request);
                }
            }
            return null;
        }
        if (matches.size() > 1) {
            // a preflight matching several mappings is answered by Spring's rules for that
            if (CorsUtils.isPreFlightRequest(request)) return super.lookupHandlerMethod(lookupPath, request);
            var comparator = getMappingComparator(request);
            matches.sort((a, b) -> comparator.compare(a.matched, b.matched));
            // Spring throws for a tie, naming the two in its own order
            if (comparator.compare(matches.get(0).matched, matches.get(1).matched) == 0) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
        }
        Match best = matches.get(0);
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler);
        handleMatch(best.matched, lookupPath, request);
        return best.handler;
    }

    private List<Match> matching(List<RequestMappingInfo> infos, Index index, HttpServletRequest request) {
        List<Match> matches = new ArrayList<>(2);
        for (RequestMappingInfo info : infos) {
            RequestMappingInfo matched = getMatchingMapping(info, request);
            if (matched != null) matches.add(new Match(matched, index.handlers.get(info)));
        }
        return matches;
    }

    private record Match(RequestMappingInfo matched, HandlerMethod handler) {}

    /** The mappings by literal path (as Spring keeps them), and a tree of leading literal segments. */
    private static final class Index {

        final Map<RequestMappingInfo, HandlerMethod> handlers;
        final Map<String, List<RequestMappingInfo>> direct = new HashMap<>();
        private final Node root = new Node();

        Index(Map<RequestMappingInfo, HandlerMethod> handlers, Function<RequestMappingInfo, Set<String>> directPaths) {
            this.handlers = handlers;
            for (RequestMappingInfo info : this.handlers.keySet()) {
                for (String path : directPaths.apply(info)) direct.computeIfAbsent(path, p -> new ArrayList<>()).add(info);
                var patterns = info.getPathPatternsCondition();
                if (patterns == null) {
                    root.own.add(info); // not a PathPattern mapping: always tried
                    continue;
                }
                for (PathPattern pattern : patterns.getPatterns()) {
                    Node node = root;
                    for (String literal : leadingLiterals(pattern.getPatternString())) {
                        node = node.children.computeIfAbsent(literal, l -> new Node());
                    }
                    node.own.add(info);
                }
            }
            root.settle(List.of());
        }

        /** Every mapping whose pattern could match: those at the deepest node the path's leading segments reach, and above. */
        List<RequestMappingInfo> candidates(PathContainer path) {
            Node node = root;
            List<PathContainer.Element> elements = path.elements();
            for (int i = 0; i + 1 < elements.size(); i += 2) {
                if (!(elements.get(i) instanceof PathContainer.Separator)
                        || !(elements.get(i + 1) instanceof PathContainer.PathSegment segment)) break;
                Node next = node.children.get(segment.valueToMatch()); // decoded, without ;params, as PathPattern compares
                if (next == null) break;
                node = next;
            }
            return node.candidates;
        }

        /**
         * The segments a pattern starts with that PathPatternParser makes literal elements of (no {@code { } * ?}),
         * each matching only a path segment of exactly that text; an empty segment ends them too.
         */
        static List<String> leadingLiterals(String pattern) {
            List<String> literals = new ArrayList<>();
            if (!pattern.startsWith("/")) return literals;
            for (String segment : pattern.substring(1).split("/", -1)) {
                if (segment.isEmpty() || segment.chars().anyMatch(c -> c == '{' || c == '}' || c == '*' || c == '?')) break;
                literals.add(segment);
            }
            return literals;
        }

        private static final class Node {
            final Map<String, Node> children = new HashMap<>();
            final List<RequestMappingInfo> own = new ArrayList<>();
            List<RequestMappingInfo> candidates = List.of();

            void settle(List<RequestMappingInfo> above) {
                var all = new LinkedHashSet<>(above);
                all.addAll(own);
                candidates = List.copyOf(all);
                children.values().forEach(child -> child.settle(candidates));
            }
        }
    }
}
