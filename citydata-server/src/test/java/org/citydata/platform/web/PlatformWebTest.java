package org.citydata.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;

class PlatformWebTest extends WebTest {

    @Test
    void everyResponseCarriesARequestIdAndASaneCallerIdIsKept() {
        var generated = anonymous().get("/actuator/health");
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        var problem = anonymous().get("/api/v1/me");
        assertThat(problem.json().get("requestId").asString()).isEqualTo(problem.header("X-Request-Id"));
    }

    @Test
    void consoleFormsAndSessionApiCallsWithoutTheCsrfTokenAreRefused() {
        var forged = signedIn("dsj_admin").withoutCsrf();
        var form = forged.form("/departments", java.util.Map.of("code", "CSRF1", "parentCode", "3205", "nameZh", "伪造", "nameEn", "Forged"));
        assertThat(form.status()).isEqualTo(403);
        var api = forged.post("/api/v1/departments", java.util.Map.of("code", "CSRF2", "parentCode", "3205", "nameZh", "伪造", "nameEn", "Forged"));
        assertThat(api.status()).isEqualTo(403);
        assertThat(signedIn("dsj_admin").get("/api/v1/departments/CSRF1").status()).isEqualTo(404);
        assertThat(signedIn("dsj_admin").get("/api/v1/departments/CSRF2").status()).isEqualTo(404);
    }

    @Test
    void prometheusMetricsAreForThePlatformAdministratorOnly() throws Exception {
        var client = HttpClient.newHttpClient();
        var admin = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("dsj_admin:" + DEMO_PASSWORD).getBytes()))
                .build();
        var metrics = client.send(admin, HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
        var officer = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("ga_officer:" + DEMO_PASSWORD).getBytes()))
                .build();
        assertThat(client.send(officer, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void theApiIsDescribedByOpenApiForSignedInUsers() {
        var docs = signedIn("ga_staff").get("/v3/api-docs").json();
        assertThat(docs.get("openapi").asString()).startsWith("3.");
        assertThat(docs.get("paths").has("/api/v1/resources")).isTrue();
        assertThat(docs.get("paths").has("/api/v1/tokens")).isTrue();
        assertThat(signedIn("ga_staff").get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void theOpenApiIsDescribedForEveryoneAndTheRestOnlyForSignedInUsers() {
        var anyone = anonymous();
        var open = anyone.get("/v3/api-docs/open");
        assertThat(open.status()).as(open.body()).isEqualTo(200);
        var paths = open.json().get("paths");
        assertThat(paths.has("/api/open/v1/datasets")).isTrue();
        assertThat(paths.has("/api/open/v1/datasets/{code}/records")).isTrue();
        assertThat(paths.propertyNames().stream().anyMatch(p -> p.startsWith("/api/3/action"))).as(paths.propertyNames().toString()).isTrue();
        assertThat(paths.propertyNames()).noneMatch(p -> p.startsWith("/api/v1/"));
        // the browser for it, and the list of descriptions it offers, need no sign-in either
        assertThat(anyone.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(anyone.get("/v3/api-docs/swagger-config").body()).contains("/v3/api-docs/open", "开放数据 API");
        // the platform's own API stays for signed-in users
        assertThat(anyone.get("/v3/api-docs").status()).isEqualTo(302);
        assertThat(anyone.get("/v3/api-docs/platform").status()).isEqualTo(302);
        assertThat(signedIn("ga_staff").get("/v3/api-docs/platform").json().get("paths").has("/api/v1/resources")).isTrue();
        // the portal links to it
        assertThat(anyone.get("/open").body()).contains("id=\"portal-api-docs\"", "/swagger-ui/index.html?urls.primaryName=");
    }

    @Test
    void englishIsAvailableWhereverChineseIs() {
        var zh = anonymous().get("/api/v1/resources").json().get("detail").asString();
        var en = anonymous().english().get("/api/v1/resources").json().get("detail").asString();
        assertThat(zh).containsPattern("\\p{IsHan}");
        assertThat(en).doesNotContainPattern("\\p{IsHan}").isNotEqualTo(zh);
    }
}
