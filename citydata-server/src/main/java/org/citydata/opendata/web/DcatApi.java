package org.citydata.opendata.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.citydata.opendata.DcatCatalog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The open-data catalog as DCAT-AP 3 for harvesters, in Turtle and JSON-LD; no login, like the rest of the open API.
 * Built at each request from the published openings, so what is unpublished is gone from the next answer.
 */
@RestController
@RequestMapping("/api/open/v1")
@Tag(name = "open data", description = "开放数据: search the published datasets, read their records, download them")
class DcatApi {

    static final String TURTLE = "text/turtle";
    static final String JSON_LD = "application/ld+json";

    private final DcatCatalog catalog;
    private final String publicUrl;

    DcatApi(DcatCatalog catalog, @Value("${citydata.public-url:}") String publicUrl) {
        this.catalog = catalog;
        this.publicUrl = publicUrl(publicUrl);
    }

    @GetMapping(value = "/catalog.ttl", produces = TURTLE)
    @Operation(summary = "The DCAT-AP 3 catalog of every published dataset, in Turtle")
    void turtle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, TURTLE + ";charset=UTF-8", RDFFormat.TURTLE_PRETTY);
    }

    @GetMapping(value = "/catalog.jsonld", produces = JSON_LD)
    @Operation(summary = "The DCAT-AP 3 catalog of every published dataset, in JSON-LD")
    void jsonLd(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, JSON_LD, RDFFormat.JSONLD11_PRETTY);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, String contentType, RDFFormat format) throws IOException {
        var model = catalog.model(publicUrl.isEmpty() ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() : publicUrl);
        response.setContentType(contentType);
        RDFDataMgr.write(response.getOutputStream(), model, format);
    }

    /**
     * {@code citydata.public-url}: the address the public reaches the platform at, for a proxy that does not pass the
     * original host on. Checked at start, since every link in the catalog is built on it.
     */
    static String publicUrl(String configured) {
        String url = configured == null ? "" : configured.strip();
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        if (url.isEmpty()) return url;
        try {
            var uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) return url;
        } catch (URISyntaxException e) {
            // refused below, with the setting's name
        }
        throw new IllegalStateException("citydata.public-url must be an absolute http(s) address without query or fragment, "
                + "e.g. https://data.example.gov.cn: " + configured);
    }
}
