package org.citydata.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.support.Drafts.field;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A department's JSON API as a source, served over real HTTP by a small server inside the test. */
class ApiSourceTest extends WebTest {

    private HttpServer api;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private Http officer;
    private String code;

    @BeforeEach
    void aDepartmentApiWith1234Enterprises() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/enterprises", exchange -> {
            asked.add(exchange.getRequestURI().getQuery());
            var query = new LinkedHashMap<String, String>();
            for (String pair : exchange.getRequestURI().getQuery().split("&")) query.put(pair.split("=")[0], pair.split("=")[1]);
            int status = 200;
            String body;
            if (!"Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{\"error\":\"unauthorized\"}";
            } else {
                int page = Integer.parseInt(query.get("pageNo")), size = Integer.parseInt(query.get("pageSize"));
                var items = new ArrayList<String>();
                for (int i = (page - 1) * size + 1; i <= Math.min(page * size, 1234); i++)
                    items.add("{\"qymc\":\"苏州企业" + i + "有限公司\",\"seq\":" + i + ",\"ignored\":true}");
                body = "{\"code\":0,\"data\":{\"total\":1234,\"list\":[" + String.join(",", items) + "]}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        api.start();
        officer = signedIn("sc_officer");
        code = officer.post("/api/v1/resources", with(valid(unique("企业名录"), "3205SC"), "fields", List.of(
                field("seq", "序号", "INTEGER", null, "L1", true),
                field("name", "企业名称", "STRING", 100, "L1", false)))).json().get("code").asString();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private Map<String, Object> form(String itemsPath, String token) {
        var http = new LinkedHashMap<String, Object>();
        http.put("url", "http://127.0.0.1:" + api.getAddress().getPort() + "/api/enterprises");
        http.put("itemsPath", itemsPath);
        http.put("paging", "PAGE");
        http.put("pageParam", "pageNo");
        http.put("sizeParam", "pageSize");
        http.put("pageSize", 500);
        var form = new LinkedHashMap<String, Object>();
        form.put("kind", "HTTP");
        form.put("name", unique("企业接口"));
        form.put("http", http);
        form.put("secret", token);
        form.put("mapping", Map.of("qymc", "name"));
        return form;
    }

    private long create(Map<String, Object> form) {
        var r = officer.post("/api/v1/resources/" + code + "/sources", form);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void pagesAreReadUntilAShortOneAndEveryItemLoads() {
        long source = create(form("/data/list", "Bearer t0ken"));
        var check = officer.post("/api/v1/sources/" + source + "/test", Map.of()).json();
        assertThat(check.get("reachable").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("columnsMatch").asBoolean()).as(check.toString()).isTrue();

        asked.clear();
        var r = officer.post("/api/v1/sources/" + source + "/sync?wait=true", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("rowsLoaded").asLong()).isEqualTo(1234);
        assertThat(asked).containsExactly("pageNo=1&pageSize=500", "pageNo=2&pageSize=500", "pageNo=3&pageSize=500");
        var rows = officer.get("/api/v1/resources/" + code + "/data/rows?size=1").json();
        assertThat(rows.get("rows").get(0).toString()).contains("苏州企业1有限公司");
    }

    @Test
    void aRefusedTokenOrAnAnswerWithoutItemsFailsNamingThePage() {
        var unauthorized = officer.post("/api/v1/sources/" + create(form("/data/list", "wrong")) + "/sync?wait=true", Map.of()).json();
        assertThat(unauthorized.get("code").asString()).isEqualTo("INGEST_HTTP_STATUS");
        assertThat(unauthorized.get("detail").asString()).contains("401").contains("pageNo=1");

        var noItems = officer.post("/api/v1/sources/" + create(form("/data/rows", "Bearer t0ken")) + "/sync?wait=true", Map.of()).json();
        assertThat(noItems.get("code").asString()).isEqualTo("INGEST_HTTP_NO_ITEMS");
        assertThat(noItems.get("detail").asString()).contains("/data/rows");
        assertThat(officer.get("/api/v1/resources/" + code + "/data/rows").json().get("code").asString()).isEqualTo("DATASTORE_NO_DATA");
    }

    @Test
    void anApiOffTheAllowedHostsIsRefused() {
        var far = form("/data/list", null);
        ((Map<String, Object>) far.get("http")).put("url", "http://169.254.169.254/latest/meta-data");
        var r = officer.post("/api/v1/resources/" + code + "/sources", far);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asString()).isEqualTo("INGEST_HOST_NOT_ALLOWED");
    }

    @Test
    void aScheduledSourceSyncsByItselfAndTheCycleGivesTheDefaultSchedule() throws Exception {
        var scheduled = form("/data/list", "Bearer t0ken");
        scheduled.put("scheduled", true);
        var derived = officer.post("/api/v1/resources/" + code + "/sources", scheduled).json();
        assertThat(derived.get("effectiveCron").asString()).isEqualTo("0 0 2 * * *"); // DAILY
        assertThat(derived.get("nextRunAt").asString()).contains("T02:00");

        var everySecond = form("/data/list", "Bearer t0ken");
        everySecond.put("scheduled", true);
        everySecond.put("cron", "* * * * * *");
        long source = create(everySecond);
        IngestRun run = null;
        for (int i = 0; i < 100 && run == null; i++) {
            Thread.sleep(100);
            var runs = officer.get("/api/v1/resources/" + code + "/data/runs").json();
            for (var r : runs) if (r.get("sourceId") != null && r.get("sourceId").asLong() == source && "SUCCEEDED".equals(r.get("status").asString()))
                run = json.treeToValue(r, IngestRun.class);
        }
        assertThat(run).as("a scheduled run within 10 s").isNotNull();
        assertThat(run.startedBy()).isEqualTo("system");
        assertThat(run.rowsLoaded()).isEqualTo(1234);

        var bad = form("/data/list", null);
        bad.put("cron", "every day");
        assertThat(officer.post("/api/v1/resources/" + code + "/sources", bad).body()).contains("every day");
    }
}
