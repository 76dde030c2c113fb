package org.citydata.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.citydata.identity.Actor;
import org.citydata.kernel.Result;
import org.citydata.opendata.ApiKeys;
import org.citydata.opendata.KeyHolder;
import org.citydata.opendata.RateLimits;
import org.citydata.platform.web.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Who reads open data in a request: a registered developer by the key presented, or the anonymous public.
 *
 * <p>A key comes as {@code X-API-Key: cdk_…} or, as CKAN clients send it, as the whole {@code Authorization} header
 * with no scheme. {@code Authorization: Bearer …} is a department application's token (identity's bearer filter
 * answers for it) and {@code Authorization: Basic …} a developer's own e-mail and password on the key-management
 * endpoints: neither is a key, and such a request reads as the public. A key that is presented but not good is refused
 * ({@code OPENDATA_BAD_KEY}), never read as anonymous: a developer whose key stopped working should hear so.
 */
@Component
class Readers {

    static final String KEY_HEADER = "X-API-Key";
    private static final String ATTRIBUTE = Readers.class.getName();

    private final ApiKeys keys;
    private final ClientAddress addresses;

    Readers(ApiKeys keys, RateLimits limits) {
        this.keys = keys;
        this.addresses = new ClientAddress(limits.trustedProxies());
    }

    /** The reader of this request, or the problem with the key presented. */
    Actor of(HttpServletRequest request) {
        return ProblemException.unwrap(holder(request)).map(KeyHolder::actor).orElseGet(() -> Actor.publicReader(0, null));
    }

    /**
     * The key's holder (empty for an anonymous request), worked out once per request: the rate limit and the reads of
     * a request both ask.
     */
    @SuppressWarnings("unchecked")
    Result<Optional<KeyHolder>> holder(HttpServletRequest request) {
        var known = request.getAttribute(ATTRIBUTE);
        if (known != null) return (Result<Optional<KeyHolder>>) known;
        String key = presentedKey(request);
        Result<Optional<KeyHolder>> holder = key == null ? Result.ok(Optional.empty()) : keys.authenticate(key).map(Optional::of);
        request.setAttribute(ATTRIBUTE, holder);
        return holder;
    }

    /** The key the request presents, or null. */
    static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader(KEY_HEADER);
        if (header != null && !header.isBlank()) return header.strip();
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) return null;
        authorization = authorization.strip();
        if (scheme(authorization, "Bearer") || scheme(authorization, "Basic")) return null;
        return authorization;
    }

    private static boolean scheme(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length())
                && (header.length() == scheme.length() || header.charAt(scheme.length()) == ' ');
    }

    /**
     * Who submits to the public forms and APIs, for their hourly limit: a developer by key, else the client's address
     * as the rate limit counts it (behind a trusted proxy, the address it forwarded).
     */
    String client(HttpServletRequest request) {
        var reader = of(request);
        return reader.id() != 0 ? "developer:" + reader.id()
                : "ip:" + addresses.of(request.getRemoteAddr(), java.util.Collections.list(request.getHeaders("X-Forwarded-For")));
    }
}
