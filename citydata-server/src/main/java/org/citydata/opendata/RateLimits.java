package org.citydata.opendata;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The open API's rate limits ({@code citydata.opendata.tiers.*}): anonymous callers are counted by client address under
 * {@code anonymous}; each developer key under its developer's tier, {@code basic} until the bureau sets another.
 * {@code burst} requests may come at once; the allowance then refills at {@code requestsPerMinute}.
 *
 * <p>{@code trustedProxies}: addresses or CIDR ranges of the reverse proxies in front of the platform. Only a request
 * arriving from one of them has its {@code X-Forwarded-For} believed; otherwise anyone could claim any address.
 */
@ConfigurationProperties("citydata.opendata")
public record RateLimits(Map<String, Limit> tiers, List<String> trustedProxies) {

    public static final String ANONYMOUS = "anonymous";
    public static final String BASIC = "basic";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,29}");

    public record Limit(int requestsPerMinute, int burst) {

        public Limit {
            if (requestsPerMinute < 1 || burst < 1)
                throw new IllegalArgumentException("a rate limit needs requests-per-minute and burst of at least 1");
        }
    }

    public RateLimits {
        tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
        trustedProxies = trustedProxies == null ? List.of() : trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!tiers.containsKey(ANONYMOUS) || !tiers.containsKey(BASIC))
            throw new IllegalArgumentException("citydata.opendata.tiers needs at least 'anonymous' and 'basic'");
        for (String name : tiers.keySet())
            if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("tier name '" + name + "': lowercase letters, digits, '-'");
    }

    /** A tier's limit; a developer whose tier was removed from the configuration gets {@code basic}. */
    public Limit of(String tier) {
        return tiers.getOrDefault(tier, tiers.get(BASIC));
    }

    /** What the bureau may give a developer: any configured tier but the anonymous one. */
    public boolean assignable(String tier) {
        return tier != null && tiers.containsKey(tier) && !tier.equals(ANONYMOUS);
    }
}
