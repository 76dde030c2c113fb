package org.citydata.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real HTTP client for tests: JSON in and out, a cookie jar, CSRF for session calls, bearer tokens. */
public final class Http {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public record Response(int status, String body, java.net.http.HttpHeaders headers, JsonMapper mapper) {
        public JsonNode json() {
            return mapper.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String base;
    private final JsonMapper json;
    private final HttpClient client;
    private String csrf;
    private String bearer;
    private String language = "zh-CN";
    private final Map<String, String> headers = new java.util.LinkedHashMap<>();

    Http(String base, JsonMapper json) {
        this.base = base;
        this.json = json;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Http login(String username, String password) {
        var page = get("/login");
        csrf = token(page.body());
        var done = form("/login", Map.of("username", username, "password", password));
        if (done.status() != 302 || done.header("Location").contains("/login?"))
            throw new IllegalStateException("login failed for " + username + ": " + done.status() + " " + done.header("Location"));
        csrf = token(get("/").body()); // the session changed at login, and with it the token
        return this;
    }

    Http bearer(String token) {
        this.bearer = token;
        return this;
    }

    /** A header sent with every request of this client, e.g. an open-data key or HTTP Basic credentials. */
    public Http header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Take the CSRF token from a page's form, as a visitor who did not sign in posts that form. */
    public Http csrfFrom(Response page) {
        csrf = token(page.body());
        return this;
    }

    /** Forget the CSRF token, as a forged cross-site form would not know it. */
    public Http withoutCsrf() {
        csrf = null;
        return this;
    }

    public Http english() {
        language = "en";
        return this;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET with extra headers (name, value, name, value, …), e.g. the exchange API's X-Citydata-Purpose. */
    public Response get(String path, String... headers) {
        var r = request(path).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) r.header(headers[i], headers[i + 1]);
        return send(r);
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(publisher(body)));
    }

    public Response put(String path, Object body, String... headers) {
        var r = request(path).header("Content-Type", "application/json").PUT(publisher(body));
        for (int i = 0; i + 1 < headers.length; i += 2) r.header(headers[i], headers[i + 1]);
        return send(r);
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** A raw body with a given content type, e.g. malformed JSON. */
    public Response postRaw(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response form(String path, Map<String, String> fields) {
        var body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&")) + (csrf == null ? "" : "&_csrf=" + enc(csrf));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A form whose fields may repeat (name, value, name, value, …), as a table of inputs posts them. */
    public Response formPairs(String path, String... pairs) {
        var body = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) body.append(i == 0 ? "" : "&").append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        return postRaw(path, "application/x-www-form-urlencoded", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A multipart upload of one file part named {@code file}, plus simple fields. */
    public Response upload(String path, String filename, byte[] content, Map<String, String> fields) {
        String boundary = "----citydata" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        try {
            for (var e : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                        + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    public byte[] bytes(String path) {
        try {
            var response = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) throw new IllegalStateException(path + " answered " + response.statusCode());
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        var r = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", language);
        if (bearer != null) r.header("Authorization", "Bearer " + bearer);
        if (csrf != null) r.header("X-CSRF-TOKEN", csrf);
        headers.forEach(r::header);
        return r;
    }

    private HttpRequest.BodyPublisher publisher(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers(), json);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String html) {
        var m = CSRF.matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
