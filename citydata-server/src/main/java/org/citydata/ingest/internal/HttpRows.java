package org.citydata.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.citydata.catalog.FieldSpec;
import org.citydata.ingest.HttpSettings;
import org.citydata.ingest.SourceRow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of a department's JSON API, one page at a time: only the current page is held. Paging stops at the first
 * page shorter than the page size. Redirects are not followed (they could lead off the allowed hosts), an answer
 * other than 200, one larger than {@link #MAX_PAGE_BYTES}, or one without an array at the items path ends the read
 * with a code that names the page.
 */
public final class HttpRows implements RowSource {

    static final long MAX_PAGE_BYTES = 64L * 1024 * 1024;
    static final int MAX_PAGES = 100_000;

    private final HttpClient client;
    private final HttpSettings settings;
    private final String token;
    private final JsonMapper json;
    private final ObjectValues values;
    private final ArrayDeque<JsonNode> page = new ArrayDeque<>();
    private int pageNumber;
    private boolean last;
    private long row;
    private long bytes;

    public HttpRows(HttpSettings settings, String token, JsonMapper json, List<FieldSpec> fields, Map<String, String> mapping) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.settings = settings;
        this.token = token;
        this.json = json;
        this.values = new ObjectValues(json, fields, mapping);
    }

    @Override
    public List<String> columns() {
        return null; // objects are matched by key, field by field
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    /** The first page's items as they came, for a connection test. */
    public List<JsonNode> firstPage() {
        fetch();
        return List.copyOf(page);
    }

    @Override
    public Iterator<SourceRow> rows() {
        return new Iterator<>() {
            public boolean hasNext() {
                while (page.isEmpty() && !last) fetch();
                return !page.isEmpty();
            }

            public SourceRow next() {
                if (!hasNext()) throw new NoSuchElementException();
                var item = page.poll();
                row++;
                if (!item.isObject()) return new SourceRow(row, List.of(String.valueOf(item))); // width check quarantines it
                return new SourceRow(row, values.of(json.convertValue(item, Map.class)));
            }
        };
    }

    private void fetch() {
        if (pageNumber >= MAX_PAGES) {
            last = true;
            return;
        }
        long position = settings.paging() == HttpSettings.Paging.PAGE
                ? settings.firstPage() + pageNumber : (long) pageNumber * settings.pageSize();
        pageNumber++;
        var uri = pageUri(position);
        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", "application/json").GET();
        if (token != null && !token.isBlank()) request.header(settings.tokenHeader(), token);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SourceException("INGEST_SOURCE_LOST", e, String.valueOf(row), uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("INGEST_SOURCE_LOST", e, String.valueOf(row), uri + ": interrupted");
        }
        JsonNode body;
        try (var in = response.body()) {
            if (response.statusCode() != 200)
                throw new SourceException("INGEST_HTTP_STATUS", null, String.valueOf(response.statusCode()), uri.toString());
            byte[] content = in.readNBytes((int) MAX_PAGE_BYTES + 1);
            if (content.length > MAX_PAGE_BYTES)
                throw new SourceException("INGEST_HTTP_TOO_LARGE", null, uri.toString(), String.valueOf(MAX_PAGE_BYTES / 1024 / 1024));
            bytes += content.length;
            body = json.readTree(content);
        } catch (IOException e) {
            throw new SourceException("INGEST_SOURCE_LOST", e, String.valueOf(row), uri + ": " + e.getMessage());
        } catch (tools.jackson.core.JacksonException e) {
            throw new SourceException("INGEST_HTTP_NOT_JSON", e, uri.toString(), e.getOriginalMessage());
        }
        JsonNode items = settings.itemsPath().isEmpty() ? body : body.at(settings.itemsPath());
        if (items == null || !items.isArray())
            throw new SourceException("INGEST_HTTP_NO_ITEMS", null, settings.itemsPath().isEmpty() ? "/" : settings.itemsPath(), uri.toString());
        items.forEach(page::add);
        last = items.size() < settings.pageSize();
    }

    private URI pageUri(long position) {
        String base = settings.url().strip();
        String query = enc(settings.pageParam()) + "=" + position + "&" + enc(settings.sizeParam()) + "=" + settings.pageSize();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
