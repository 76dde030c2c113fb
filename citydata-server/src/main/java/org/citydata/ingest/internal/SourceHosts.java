package org.citydata.ingest.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.citydata.kernel.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which places a source may reach. A database or API source makes the platform connect somewhere on a department's
 * word, so: only hosts on the configured list ({@code citydata.ingest.source-hosts}; none by default), only the
 * PostgreSQL, MySQL and MariaDB drivers, only URL parameters known to be harmless (driver parameters can load
 * classes or read local files), and never the platform's own database.
 */
@Component
public class SourceHosts {

    private static final Pattern JDBC = Pattern.compile("jdbc:(postgresql|mysql|mariadb)://([^/?#]+)(?:/([^?#]*))?(?:\\?(.*))?");
    private static final Set<String> SAFE_PARAMETERS = Set.of(
            "ssl", "sslmode", "currentschema", "applicationname", "connecttimeout", "sockettimeout", "logintimeout",
            "usessl", "servertimezone", "characterencoding", "useunicode", "zerodatetimebehavior", "tinyint1isbit", "allowpublickeyretrieval");

    private final List<String> allowed;
    private final DataSource platform;
    private volatile Endpoint own;

    SourceHosts(@Value("${citydata.ingest.source-hosts:}") String allowed, DataSource platform) {
        this.allowed = Arrays.stream(allowed.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.platform = platform;
    }

    /** A database's address as the checks need it. */
    record Endpoint(String driver, List<String> hosts, List<Integer> ports, String database) {}

    /** Why this JDBC URL may not be used, or empty when it may. */
    public Optional<Problem> checkJdbc(String url) {
        var endpoint = parse(url);
        if (endpoint.isEmpty()) return Optional.of(Problem.of(Problem.Kind.INVALID, "INGEST_SOURCE_URL", String.valueOf(url)));
        var m = JDBC.matcher(url.strip());
        m.matches();
        if (m.group(4) != null) {
            for (String pair : m.group(4).split("&")) {
                String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !SAFE_PARAMETERS.contains(name))
                    return Optional.of(Problem.of(Problem.Kind.INVALID, "INGEST_SOURCE_URL_PARAMETER", pair.split("=", 2)[0]));
            }
        }
        for (String host : endpoint.get().hosts()) {
            var denied = checkHost(host);
            if (denied.isPresent()) return denied;
        }
        if (isPlatformDatabase(endpoint.get())) return Optional.of(Problem.forbidden("INGEST_SOURCE_IS_PLATFORM"));
        return Optional.empty();
    }

    /** Why this API URL may not be used, or empty when it may. */
    public Optional<Problem> checkHttp(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url.strip());
        } catch (Exception e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !Set.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)))
            return Optional.of(Problem.of(Problem.Kind.INVALID, "INGEST_SOURCE_URL", String.valueOf(url)));
        return checkHost(uri.getHost());
    }

    private Optional<Problem> checkHost(String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        for (String a : allowed) {
            if (a.equals("*") || a.equals(h) || (a.startsWith("*.") && h.endsWith(a.substring(1)))) return Optional.empty();
        }
        return Optional.of(Problem.forbidden("INGEST_HOST_NOT_ALLOWED", host));
    }

    static Optional<Endpoint> parse(String url) {
        if (url == null) return Optional.empty();
        var m = JDBC.matcher(url.strip());
        if (!m.matches() || m.group(2).contains("(")) return Optional.empty(); // MySQL's address=(…) form is not taken
        var hosts = new ArrayList<String>();
        var ports = new ArrayList<Integer>();
        int defaultPort = m.group(1).equals("postgresql") ? 5432 : 3306;
        for (String hostPort : m.group(2).split(",")) {
            String host = hostPort;
            int port = defaultPort;
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0 && colon > hostPort.lastIndexOf(']')) {
                host = hostPort.substring(0, colon);
                try {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            if (host.isBlank()) return Optional.empty();
            hosts.add(host);
            ports.add(port);
        }
        return Optional.of(new Endpoint(m.group(1), hosts, ports, m.group(3) == null ? "" : m.group(3)));
    }

    private boolean isPlatformDatabase(Endpoint source) {
        var mine = own();
        if (mine == null || !mine.driver().equals(source.driver()) || !mine.database().equals(source.database())) return false;
        for (int i = 0; i < source.hosts().size(); i++) {
            for (int j = 0; j < mine.hosts().size(); j++) {
                if (source.ports().get(i).equals(mine.ports().get(j)) && sameMachine(source.hosts().get(i), mine.hosts().get(j)))
                    return true;
            }
        }
        return false;
    }

    private Endpoint own() {
        if (own == null) {
            try (var c = platform.getConnection()) {
                own = parse(c.getMetaData().getURL()).orElse(null);
            } catch (SQLException e) {
                return null;
            }
        }
        return own;
    }

    private static boolean sameMachine(String a, String b) {
        try {
            var x = InetAddress.getByName(a.replaceAll("^\\[|]$", ""));
            var y = InetAddress.getByName(b.replaceAll("^\\[|]$", ""));
            return x.equals(y) || (x.isLoopbackAddress() && y.isLoopbackAddress());
        } catch (UnknownHostException e) {
            return a.equalsIgnoreCase(b);
        }
    }
}
