package org.citydata.opendata.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address an anonymous caller is counted by. The connection's peer, unless that peer is one of the configured
 * trusted proxies: then {@code X-Forwarded-For} is read from the right (each proxy appends the address it saw) and the
 * first address not itself a trusted proxy is the client. Whatever a client writes into the header before that is
 * ignored, so a client cannot choose the address it is counted by. IPv6 clients are counted by their /64 network,
 * which one subscriber usually holds whole.
 */
final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final List<IpAddressMatcher> trusted;

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(IpAddressMatcher::new).toList();
    }

    /** {@code forwardedFor}: the X-Forwarded-For header values in order (several headers count as one list). */
    String of(String peer, List<String> forwardedFor) {
        String client = peer;
        if (isTrusted(peer)) {
            var hops = new ArrayList<String>();
            for (String header : forwardedFor) for (String hop : header.split(",")) if (!hop.isBlank()) hops.add(hop.strip());
            for (int i = hops.size() - 1; i >= 0; i--) {
                String hop = hops.get(i);
                if (!isLiteral(hop)) break; // garbage (or a port, or a name): the last proxy we believe is as far as we know
                client = hop;
                if (!isTrusted(hop)) break;
            }
        }
        return counted(client);
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty() || !isLiteral(address)) return false;
        for (var m : trusted) if (m.matches(address)) return true;
        return false;
    }

    /** An IP address written out, never a name: resolving a name would ask DNS on a request's behalf. */
    private static boolean isLiteral(String s) {
        return s != null && (IPV4.matcher(s).matches() || (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")));
    }

    private static String counted(String address) {
        if (address == null || address.indexOf(':') < 0 || !isLiteral(address)) return address;
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) return InetAddress.getByAddress(bytes).getHostAddress();
            var network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            return network.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
