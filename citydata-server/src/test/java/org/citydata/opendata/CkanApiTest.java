package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.checkupFields;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.form;
import static org.citydata.opendata.Opened.load;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The CKAN-compatible action API over real HTTP, called as CKAN's API documentation and its clients call it: GETs with
 * query parameters (JSON values as JSON text), POSTs with a JSON object, anonymously. Each test opens datasets of its
 * own (tagged with a tag of its own), since other tests publish datasets in the same database.
 */
class CkanApiTest extends WebTest {

    private static final String ACTION = "/api/3/action/";

    @Autowired
    JdbcClient db;

    @Test
    void packageSearchFiltersFacetsSortsAndPagesThePublishedDatasetsAsCkanDoes() {
        var rs = signedIn("rs_officer");
        var ga = signedIn("ga_officer");
        var anyone = anonymous();
        String tag = unique("ckan");
        String parkName = unique("公园游客体检统计");
        String park = open(rs, "3205RS", parkName, "TOURISM", List.of(tag, "旅游"), "CC-BY-4.0", 30, 1);
        Instant between = Instant.now();
        String clinic = open(ga, "3205GA", unique("门诊体检汇总"), "HEALTH", List.of(tag), "CC0-1.0", 20, 2);
        String inReview = proposedOnly(rs, unique("未开放体检"), List.of(tag));

        // as CKAN's docs show it: fq on a tag, facets as a JSON list, rows
        var found = anyone.get(ACTION + "package_search?fq=tags:" + enc(tag) + "&facet.field=" + enc("[\"organization\",\"groups\",\"license_id\"]")
                + "&rows=10");
        var result = ok(found, "package_search");
        assertThat(result.get("count").asLong()).isEqualTo(2);
        assertThat(names(result)).containsExactlyInAnyOrder(park.toLowerCase(), clinic.toLowerCase()).doesNotContain(inReview.toLowerCase());
        assertThat(result.get("sort").asString()).isEqualTo("score desc, metadata_modified desc");
        var facets = result.get("facets");
        assertThat(facets.get("organization").get("3205rs").asLong()).isEqualTo(1);
        assertThat(facets.get("organization").get("3205ga").asLong()).isEqualTo(1);
        assertThat(facets.get("groups").get("tourism").asLong()).isEqualTo(1);
        assertThat(facets.get("license_id").get("CC0-1.0").asLong()).isEqualTo(1);
        var organizations = result.get("search_facets").get("organization");
        assertThat(organizations.get("title").asString()).isEqualTo("organization");
        assertThat(organizations.get("items").valueStream().map(i -> i.get("name").asString() + "=" + i.get("display_name").asString()
                + "=" + i.get("count").asLong())).containsExactlyInAnyOrder("3205rs=苏州市人力资源和社会保障局=1", "3205ga=苏州市公安局=1");
        assertThat(result.get("search_facets").get("groups").get("items").valueStream().map(i -> i.get("display_name").asString()))
                .containsExactlyInAnyOrder("文化旅游", "医疗卫生");

        // Solr filter terms: an organization, excluding one, the harvester's OR, a licence, a format, a date range
        assertThat(names(ok(anyone.get(ACTION + "package_search?fq=" + enc("tags:" + tag + " organization:3205rs")), "package_search")))
                .containsExactly(park.toLowerCase());
        assertThat(names(ok(anyone.get(ACTION + "package_search?fq=" + enc("tags:" + tag + " -organization:3205rs")), "package_search")))
                .containsExactly(clinic.toLowerCase());
        assertThat(count(anyone, "organization:3205ga OR organization:3205rs tags:" + tag)).isEqualTo(2);
        assertThat(count(anyone, "tags:" + tag + " groups:health license_id:CC0-1.0")).isEqualTo(1);
        assertThat(count(anyone, "tags:" + tag + " res_format:CSV")).isEqualTo(2);
        assertThat(count(anyone, "tags:" + tag + " res_format:PDF")).isZero();
        assertThat(count(anyone, "tags:" + tag + " metadata_modified:[" + between + " TO *]")).isEqualTo(1);

        // q is the catalog's text search, Chinese included
        assertThat(names(ok(anyone.get(ACTION + "package_search?q=" + enc(parkName) + "&fq=" + enc("tags:" + tag)), "package_search")))
                .containsExactly(park.toLowerCase());

        // by relevance in the order the portal's search ranks them, and a page is a slice of that order
        var byText = names(ok(anyone.get(ACTION + "package_search?q=" + enc("体检") + "&fq=" + enc("tags:" + tag)), "package_search"));
        assertThat(byText).containsExactlyInAnyOrder(park.toLowerCase(), clinic.toLowerCase());
        var portal = anyone.get("/api/open/v1/datasets?size=100&q=" + enc("体检")).json().get("data").valueStream()
                .map(h -> h.get("code").asString().toLowerCase()).filter(byText::contains).toList();
        assertThat(byText).isEqualTo(portal);
        assertThat(names(ok(anyone.get(ACTION + "package_search?rows=1&start=1&q=" + enc("体检") + "&fq=" + enc("tags:" + tag)),
                "package_search"))).containsExactly(byText.get(1));
        // a plain text search is ranked and counted by the index alone; with a filter every dataset is looked at: one answer
        var plain = ok(anyone.get(ACTION + "package_search?rows=1000&q=" + enc("体检")), "package_search");
        var filtered = ok(anyone.get(ACTION + "package_search?rows=1000&q=" + enc("体检") + "&fq=" + enc("res_format:CSV")), "package_search");
        assertThat(plain.get("count").asLong()).isEqualTo(filtered.get("count").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(names(plain)).isEqualTo(names(filtered)).containsAll(byText);
        assertThat(names(ok(anyone.get(ACTION + "package_search?rows=1&start=1&q=" + enc("体检")), "package_search")))
                .containsExactly(names(plain).get(1));

        // sorts and pages
        var newest = ok(anyone.get(ACTION + "package_search?fq=" + enc("tags:" + tag) + "&sort=" + enc("metadata_modified desc")), "package_search");
        assertThat(names(newest)).containsExactly(clinic.toLowerCase(), park.toLowerCase());
        var byName = ok(anyone.get(ACTION + "package_search?fq=" + enc("tags:" + tag) + "&sort=" + enc("name asc") + "&rows=1&start=1"),
                "package_search");
        assertThat(byName.get("count").asLong()).isEqualTo(2);
        assertThat(names(byName)).containsExactly(List.of(park, clinic).stream().map(String::toLowerCase).sorted().toList().get(1));

        // the CKAN harvester's gather request, as it sends it: Python's isoformat() of an hour before its last run, and Z
        String since = java.time.LocalDateTime.ofInstant(between.minusSeconds(3600), java.time.ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS) + "Z";
        var harvest = ok(anyone.get(ACTION + "package_search?rows=100&start=0&sort=id+asc&fq="
                + enc("tags:" + tag + " metadata_modified:[" + since + " TO *]")), "package_search");
        assertThat(names(harvest)).containsExactlyInAnyOrder(park.toLowerCase(), clinic.toLowerCase());

        // CKAN's docs' "top 10 tags": facets only
        var top = ok(anyone.get(ACTION + "package_search?fq=tags:" + enc(tag) + "&facet.field=" + enc("[\"tags\"]") + "&facet.limit=10&rows=0"),
                "package_search");
        assertThat(top.get("results").isEmpty()).isTrue();
        assertThat(top.get("facets").get("tags").propertyNames()).hasSizeLessThanOrEqualTo(10).contains(tag);

        // the same search POSTed as a JSON object, as ckanapi sends it, without a CSRF token
        var posted = ok(anyone.post(ACTION + "package_search", Map.of("fq", "tags:" + tag, "rows", 5, "facet.field", List.of("tags"))),
                "package_search");
        assertThat(posted.get("facets").get("tags").get(tag).asLong()).isEqualTo(2);
        assertThat(posted.get("search_facets").get("tags").get("items").valueStream().map(i -> i.get("name").asString())).contains(tag, "旅游");
    }

    @Test
    void aPackageIsThePublishedDatasetWithItsOrganizationGroupTagsLicenceAndOneResourcePerDownloadFormat() {
        var rs = signedIn("rs_officer");
        var anyone = anonymous();
        String tag = unique("ckan");
        String name = unique("公园游客体检统计");
        String code = open(rs, "3205RS", name, "TOURISM", List.of(tag), "CC-BY-4.0", 30, 3);

        var shown = ok(anyone.get(ACTION + "package_show?id=" + code.toLowerCase()), "package_show");
        assertThat(shown.get("id").asString()).isEqualTo(code);
        assertThat(shown.get("name").asString()).isEqualTo(code.toLowerCase());
        assertThat(shown.get("title").asString()).isEqualTo(name);
        assertThat(shown.get("notes").asString()).contains(name);
        assertThat(shown.get("type").asString()).isEqualTo("dataset");
        assertThat(shown.get("private").asBoolean()).isFalse();
        assertThat(shown.get("license_id").asString()).isEqualTo("CC-BY-4.0");
        assertThat(shown.get("license_title").asString()).isEqualTo("Creative Commons Attribution 4.0 International");
        assertThat(shown.get("license_url").asString()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        assertThat(shown.get("metadata_created").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
        assertThat(shown.get("metadata_modified").asString()).isGreaterThanOrEqualTo(shown.get("metadata_created").asString());
        assertThat(shown.has("author_email") && shown.get("author_email").isNull()).as("nulls are written, as CKAN writes them").isTrue();
        assertThat(shown.get("owner_org").asString()).isEqualTo("3205RS");
        var org = shown.get("organization");
        assertThat(org.get("name").asString()).isEqualTo("3205rs");
        assertThat(org.get("title").asString()).isEqualTo("苏州市人力资源和社会保障局");
        assertThat(org.get("is_organization").asBoolean()).isTrue();
        assertThat(shown.get("groups").valueStream().map(g -> g.get("name").asString() + "/" + g.get("title").asString()))
                .containsExactly("tourism/文化旅游");
        assertThat(shown.get("tags").valueStream().map(t -> t.get("name").asString())).containsExactly(tag);
        assertThat(shown.get("num_tags").asInt()).isEqualTo(1);

        var resources = shown.get("resources").valueStream().toList();
        assertThat(resources).extracting(r -> r.get("format").asString()).containsExactly("CSV", "XLSX", "JSON", "JSONL");
        assertThat(resources).extracting(r -> r.get("mimetype").asString())
                .containsExactly("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/json",
                        "application/jsonl");
        assertThat(resources).extracting(r -> r.get("datastore_active").asBoolean()).containsExactly(true, false, false, false);
        assertThat(resources.get(0).get("id").asString()).isEqualTo(code);
        assertThat(resources).allSatisfy(r -> assertThat(r.get("package_id").asString()).isEqualTo(code));
        String csvUrl = resources.get(0).get("url").asString();
        assertThat(csvUrl).isEqualTo(baseUrl() + "/api/open/v1/datasets/" + code + "/download?format=csv");
        var downloaded = new String(anyone.bytes(URI.create(csvUrl).getRawPath() + "?" + URI.create(csvUrl).getRawQuery()), StandardCharsets.UTF_8);
        assertThat(downloaded.strip().split("\n")).hasSize(31);

        // the id works as well as the name, and a POSTed JSON object as well as a GET
        assertThat(ok(anyone.get(ACTION + "package_show?id=" + code), "package_show").get("name").asString()).isEqualTo(code.toLowerCase());
        assertThat(ok(anyone.post(ACTION + "package_show", Map.of("id", code.toLowerCase())), "package_show").get("id").asString()).isEqualTo(code);
        // and the API without its version, as ckanapi calls it
        assertThat(ok(anyone.get("/api/action/package_show?id=" + code), "package_show").get("id").asString()).isEqualTo(code);
    }

    @Test
    void theListsNameThePublishedDatasetsTheDepartmentsProvidingThemAndTheCatalogsThemes() {
        var rs = signedIn("rs_officer");
        var anyone = anonymous();
        String code = open(rs, "3205RS", unique("公园游客体检统计"), "TOURISM", List.of(unique("ckan")), null, 20, 4);

        var packages = ok(anyone.get(ACTION + "package_list"), "package_list").valueStream().map(JsonNode::asString).toList();
        assertThat(packages).contains(code.toLowerCase()).isSorted();
        assertThat(ok(anyone.get(ACTION + "organization_list"), "organization_list").valueStream().map(JsonNode::asString)).contains("3205rs");
        var orgs = ok(anyone.get(ACTION + "organization_list?all_fields=true"), "organization_list").valueStream().toList();
        assertThat(orgs).filteredOn(o -> o.get("name").asString().equals("3205rs")).singleElement().satisfies(o -> {
            assertThat(o.get("title").asString()).isEqualTo("苏州市人力资源和社会保障局");
            assertThat(o.get("package_count").asInt()).isPositive();
        });
        var rsOrg = ok(anyone.get(ACTION + "organization_show?id=3205rs"), "organization_show");
        assertThat(rsOrg.get("id").asString()).isEqualTo("3205RS");
        assertThat(rsOrg.get("package_count").asInt()).isEqualTo(count(anyone, "organization:3205rs"));
        assertThat(ok(anyone.get(ACTION + "group_list"), "group_list").valueStream().map(JsonNode::asString))
                .hasSize(12).contains("tourism", "health", "population");
        var tourism = ok(anyone.get(ACTION + "group_show?id=tourism"), "group_show");
        assertThat(tourism.get("title").asString()).isEqualTo("文化旅游");
        assertThat(tourism.get("package_count").asInt()).isEqualTo(count(anyone, "groups:tourism"));
        assertThat(ok(anyone.get(ACTION + "group_list?all_fields=true&sort=" + enc("package_count desc")), "group_list").get(0)
                .get("package_count").asInt()).isPositive();
    }

    @Test
    void theHelpEveryAnswerLinksToAnswers() {
        var anyone = anonymous();
        var answer = anyone.get(ACTION + "package_list");
        ok(answer, "package_list");
        String help = answer.json().get("help").asString();
        assertThat(help).isEqualTo(baseUrl() + "/api/3/action/help_show?name=package_list");
        assertThat(ok(anyone.get(URI.create(help).getRawPath() + "?" + URI.create(help).getRawQuery()), "help_show").asString())
                .contains(":param limit:");
        assertThat(ok(anyone.get(ACTION + "help_show?name=package_show"), "help_show").asString()).contains(":param id:");
        assertError(anyone.get(ACTION + "help_show?name=package_frobnicate"), 404, "Not Found Error", "CKAN_UNKNOWN_ACTION");
    }

    @Test
    void datastoreSearchReadsTheMaskedRecordsAsCkanClientsAskForThem() {
        var rs = signedIn("rs_officer");
        var anyone = anonymous();
        String code = maskedCheckups(rs, 40, 11);

        var first = ok(anyone.get(ACTION + "datastore_search?resource_id=" + code + "&limit=5"), "datastore_search");
        assertThat(first.get("resource_id").asString()).isEqualTo(code);
        assertThat(first.get("fields").valueStream().map(f -> f.get("id").asString() + ":" + f.get("type").asString()))
                .containsExactly("birth_date:text", "sex:text", "district:text", "visits:int");
        assertThat(first.get("fields").get(3).get("info").get("label").asString()).isEqualTo("体检次数");
        assertThat(first.get("total").asLong()).isEqualTo(40);
        assertThat(first.get("limit").asInt()).isEqualTo(5);
        assertThat(first.get("offset").asInt()).isZero();
        var records = first.get("records").valueStream().toList();
        assertThat(records).hasSize(5).allSatisfy(r -> {
            assertThat(r.propertyNames()).containsExactly("birth_date", "sex", "district", "visits");
            assertThat(r.get("birth_date").isNull()).as("a null is written, not left out").isTrue();
            assertThat(r.get("district").asString()).isEqualTo("320500");
            assertThat(r.get("visits").isNumber()).isTrue();
        });
        assertThat(first.get("_links").get("start").asString()).isEqualTo("/api/3/action/datastore_search?resource_id=" + code + "&limit=5");
        assertThat(first.get("_links").get("next").asString()).isEqualTo("/api/3/action/datastore_search?resource_id=" + code + "&limit=5&offset=5");

        // as CKAN's docs show it: a POSTed JSON object with filters and a limit
        long men = anyone.get("/api/open/v1/datasets/" + code + "/records?filter=" + enc("sex:eq:男")).json().get("meta").get("total").asLong();
        var filtered = ok(anyone.post(ACTION + "datastore_search", Map.of("resource_id", code, "filters", Map.of("sex", "男"), "limit", 5)),
                "datastore_search");
        assertThat(filtered.get("total").asLong()).isEqualTo(men).isPositive();
        assertThat(filtered.get("records").valueStream().map(r -> r.get("sex").asString())).isNotEmpty().containsOnly("男");
        assertThat(filtered.get("filters").get("sex").asString()).isEqualTo("男");
        // as CKAN's docs post it with curl -d: the JSON as the body of a form
        var curl = ok(anyone.postRaw(ACTION + "datastore_search", "application/x-www-form-urlencoded",
                ("{\"resource_id\": \"" + code + "\", \"filters\": {\"sex\": \"男\"}, \"limit\": 5}").getBytes(StandardCharsets.UTF_8)),
                "datastore_search");
        assertThat(curl.get("total").asLong()).isEqualTo(men);
        assertThat(curl.get("records")).hasSize(5);
        var either = ok(anyone.post(ACTION + "datastore_search", Map.of("resource_id", code, "filters", Map.of("sex", List.of("男", "女")))),
                "datastore_search");
        assertThat(either.get("total").asLong()).isEqualTo(40);
        // filters as JSON text in a GET, and q as text over the clear fields
        assertThat(ok(anyone.get(ACTION + "datastore_search?resource_id=" + code + "&filters=" + enc("{\"sex\":\"男\"}")), "datastore_search")
                .get("total").asLong()).isEqualTo(men);
        assertThat(ok(anyone.get(ACTION + "datastore_search?resource_id=" + code + "&q=" + enc("男")), "datastore_search")
                .get("total").asLong()).isEqualTo(men);

        // fields, sort, offset: a window that is not aligned to a page is exactly the rows of a whole read
        var chosen = ok(anyone.get(ACTION + "datastore_search?resource_id=" + code + "&fields=visits,sex&sort=" + enc("visits desc, sex asc")
                + "&limit=40"), "datastore_search");
        var all = chosen.get("records").valueStream().toList();
        assertThat(all).hasSize(40).allSatisfy(r -> assertThat(r.propertyNames()).containsExactly("visits", "sex"));
        assertThat(all.stream().map(r -> r.get("visits").asInt()).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        var window = ok(anyone.post(ACTION + "datastore_search", Map.of("resource_id", code, "fields", List.of("visits", "sex"),
                "sort", "visits desc, sex asc", "offset", 7, "limit", 30)), "datastore_search");
        assertThat(window.get("records").valueStream().map(JsonNode::toString).toList())
                .isEqualTo(all.subList(7, 37).stream().map(JsonNode::toString).toList());
        var none = ok(anyone.get(ACTION + "datastore_search?resource_id=" + code + "&limit=0"), "datastore_search");
        assertThat(none.get("records").isEmpty()).isTrue();
        assertThat(none.get("total").asLong()).isEqualTo(40);

        // every read is in the access log, as the public, through the open channel
        var log = signedIn("dsj_auditor").get("/api/v1/audit/records?resource=" + code + "&actor=public");
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        assertThat(log.json().get("records").valueStream().toList()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("channel").asString()).isEqualTo("OPEN"));
    }

    @Test
    void aFieldNotOpenedInClearCannotBeFilteredSortedOrSearchedAndOneNotOpenedCannotBeRead() {
        var anyone = anonymous();
        String code = maskedCheckups(signedIn("rs_officer"), 20, 13);

        // a masked field cannot be filtered or sorted on, a field not opened cannot be read: CKAN's Authorization Error
        var masked = anyone.post(ACTION + "datastore_search", Map.of("resource_id", code, "filters", Map.of("district", "320505")));
        assertError(masked, 403, "Authorization Error", "DATASTORE_FILTER_NOT_CLEAR");
        assertError(anyone.get(ACTION + "datastore_search?resource_id=" + code + "&sort=district"), 403, "Authorization Error",
                "DATASTORE_FILTER_NOT_CLEAR");
        assertError(anyone.get(ACTION + "datastore_search?resource_id=" + code + "&fields=person_id"), 403, "Authorization Error",
                "DATASTORE_FIELD_NOT_GRANTED");
        // a text search does not look into masked fields: a district code is found nowhere
        assertThat(ok(anyone.get(ACTION + "datastore_search?resource_id=" + code + "&q=320505"), "datastore_search").get("total").asLong()).isZero();
        // and a search in a given field is a filter on it
        assertError(anyone.post(ACTION + "datastore_search", Map.of("resource_id", code, "q", Map.of("district", "3205"))), 403,
                "Authorization Error", "DATASTORE_FILTER_NOT_CLEAR");
        assertThat(ok(anyone.post(ACTION + "datastore_search", Map.of("resource_id", code, "q", Map.of("sex", "男"))), "datastore_search")
                .get("records").valueStream().map(r -> r.get("sex").asString())).isNotEmpty().containsOnly("男");
    }

    @Test
    void anUnpublishedDatasetDisappearsFromEveryAction() {
        var rs = signedIn("rs_officer");
        var anyone = anonymous();
        String tag = unique("ckan");
        String code = open(rs, "3205RS", unique("体检年报"), "HEALTH", List.of(tag), null, 20, 5);
        String name = code.toLowerCase();
        assertThat(ok(anyone.get(ACTION + "package_list"), "package_list").valueStream().map(JsonNode::asString)).contains(name);
        ok(anyone.get(ACTION + "package_show?id=" + name), "package_show");
        ok(anyone.get(ACTION + "datastore_search?resource_id=" + code), "datastore_search");
        assertThat(count(anyone, "tags:" + tag)).isEqualTo(1);

        long id = rs.get("/api/v1/openings?state=PUBLISHED").json().valueStream()
                .filter(o -> o.get("resourceCode").asString().equals(code)).findFirst().orElseThrow().get("id").asLong();
        var unpublished = rs.post("/api/v1/openings/" + id + "/unpublish", Map.of("reason", "数据口径调整"));
        assertThat(unpublished.status()).as(unpublished.body()).isEqualTo(200);

        assertThat(ok(anyone.get(ACTION + "package_list"), "package_list").valueStream().map(JsonNode::asString)).doesNotContain(name);
        assertError(anyone.get(ACTION + "package_show?id=" + name), 404, "Not Found Error", "OPENDATA_NOT_FOUND");
        assertError(anyone.post(ACTION + "datastore_search", Map.of("resource_id", code)), 404, "Not Found Error", "OPENDATA_NOT_FOUND");
        assertThat(count(anyone, "tags:" + tag)).isZero();
    }

    @Test
    void aSearchAnsweredFromMemoryChangesAtOnceWhenADatasetIsPublishedOrUnpublished() {
        var rs = signedIn("rs_officer");
        var anyone = anonymous();
        String word = unique("体检复查");
        String first = open(rs, "3205RS", word + "一", "HEALTH", List.of(), null, 20, 6);
        // asked twice: the second answer is the kept one, and the same
        for (int i = 0; i < 2; i++) {
            assertThat(names(ok(anyone.get(ACTION + "package_search?q=" + enc(word)), "package_search"))).containsExactly(first.toLowerCase());
            assertThat(openApiCodes(anyone, word)).containsExactly(first);
        }

        String second = open(rs, "3205RS", word + "二", "HEALTH", List.of(), null, 20, 7);
        var both = ok(anyone.get(ACTION + "package_search?q=" + enc(word)), "package_search");
        assertThat(names(both)).containsExactlyInAnyOrder(first.toLowerCase(), second.toLowerCase());
        // the page's datasets are described together, each with its own data version
        assertThat(dataRows(both)).containsExactly("20", "20");
        assertThat(openApiCodes(anyone, word)).containsExactlyInAnyOrder(first, second);
        // new data for one of them (assessed again and still public): the page kept as written shows it at once
        load(rs, second, csv(25, 8));
        assertThat(dataRows(ok(anyone.get(ACTION + "package_search?q=" + enc(word)), "package_search"))).containsExactlyInAnyOrder("20", "25");

        long id = rs.get("/api/v1/openings?state=PUBLISHED").json().valueStream()
                .filter(o -> o.get("resourceCode").asString().equals(first)).findFirst().orElseThrow().get("id").asLong();
        assertThat(rs.post("/api/v1/openings/" + id + "/unpublish", Map.of("reason", "数据口径调整")).status()).isEqualTo(200);
        var after = ok(anyone.get(ACTION + "package_search?q=" + enc(word)), "package_search");
        assertThat(names(after)).containsExactly(second.toLowerCase());
        assertThat(after.get("count").asLong()).isEqualTo(1);
        assertThat(openApiCodes(anyone, word)).containsExactly(second);
    }

    @Test
    void aSearchPageDescribesEachDatasetAsItsCatalogEntryIsNowAlsoAfterAChangeMadeOnAnotherNode() throws InterruptedException {
        var rs = signedIn("rs_officer");
        var anyone = anonymous();
        String word = unique("复诊登记");
        String code = open(rs, "3205RS", word, "HEALTH", List.of(), null, 20, 9);
        assertThat(notes(anyone, word)).containsExactly("全市" + word + "，按日更新，供各部门核验使用。");

        // changed on this node: the next page shows it (the change has the opening assessed again, still public)
        var draft = with(with(with(with(valid(word, "3205RS"), "fields", checkupFields()), "openType", "OPEN"), "theme", "HEALTH"), "tags", List.of());
        var edited = rs.put("/api/v1/resources/" + code, with(draft, "summary", "本节点修改的摘要。"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(notes(anyone, word)).containsExactly("本节点修改的摘要。");

        // changed as another platform node changes it: the row, and the opening by its new assessment; this node's
        // memory is not told, and shows it once it reads the published openings again (published-ttl, 2 s)
        db.sql("update catalog_resource set summary = '另一节点修改的摘要。' where code = ?").param(code).update();
        db.sql("update opendata_opening set updated_at = now() where resource_code = ? and state = 'PUBLISHED'").param(code).update();
        long until = System.nanoTime() + 10_000_000_000L;
        while (!notes(anyone, word).equals(List.of("另一节点修改的摘要。")) && System.nanoTime() < until) Thread.sleep(200);
        assertThat(notes(anyone, word)).containsExactly("另一节点修改的摘要。");
    }

    private List<String> notes(Http client, String text) {
        return ok(client.get(ACTION + "package_search?q=" + enc(text)), "package_search").get("results").valueStream()
                .map(p -> p.get("notes").asString()).toList();
    }

    private static List<String> dataRows(JsonNode searched) {
        return searched.get("results").valueStream().map(p -> p.get("extras").valueStream()
                .filter(e -> e.get("key").asString().equals("data_rows")).findFirst().orElseThrow().get("value").asString()).toList();
    }

    private static List<String> openApiCodes(Http client, String text) {
        var found = client.get("/api/open/v1/datasets?size=100&q=" + enc(text));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().get("data").valueStream().map(h -> h.get("code").asString()).toList();
    }

    @Test
    void badRequestsAnswerAsCkanAnswersThem() {
        var anyone = anonymous().english();

        // an action CKAN does not know, and a body that is not a JSON object: 400 and a JSON string
        var unknown = anyone.get(ACTION + "package_frobnicate");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().asString()).isEqualTo("Bad request - Action name not known: package_frobnicate");
        var malformed = anyone.postRaw(ACTION + "package_search", "application/json", "{\"q\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().asString()).startsWith("Bad request - JSON Error: Error decoding JSON data.");
        var notAnObject = anyone.postRaw(ACTION + "package_search", "application/json", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.json().asString()).contains("needs to be a dictionary");

        // parameters CKAN's validators refuse: 409 Validation Error, each parameter with its messages
        var fields = assertError(anyone.get(ACTION + "package_search?fq=" + enc("capacity:public organization:3205rs site_id:x")), 409,
                "Validation Error", "CKAN_INVALID");
        assertThat(fields.get("fq").get(0).asString()).contains("capacity, site_id").contains("organization");
        var rows = assertError(anyone.get(ACTION + "package_search?rows=-1&start=x"), 409, "Validation Error", "CKAN_INVALID");
        assertThat(rows.get("rows").get(0).asString()).isEqualTo("Must be a natural number");
        assertThat(rows.get("start").get(0).asString()).isEqualTo("Invalid integer");
        var facet = assertError(anyone.get(ACTION + "package_search?facet.field=organization"), 409, "Validation Error", "CKAN_INVALID");
        assertThat(facet.get("facet.field").get(0).asString()).startsWith("Could not parse as valid JSON");
        assertError(anyone.get(ACTION + "package_search?facet.field=" + enc("[\"maintainer\"]")), 409, "Validation Error", "CKAN_INVALID");
        var fqList = assertError(anyone.post(ACTION + "package_search", Map.of("fq_list", Map.of("organization", "3205rs"))), 409,
                "Validation Error", "CKAN_INVALID");
        assertThat(fqList.has("fq_list")).isTrue();
        assertError(anyone.get(ACTION + "package_search?sort=" + enc("views_recent desc")), 409, "Validation Error", "CKAN_INVALID");
        assertThat(assertError(anyone.get(ACTION + "package_show"), 409, "Validation Error", "CKAN_INVALID").get("id").get(0).asString())
                .isEqualTo("Missing value");
        var noResource = assertError(anyone.post(ACTION + "datastore_search", Map.of("limit", 5)), 409, "Validation Error", "CKAN_INVALID");
        assertThat(noResource.get("resource_id").get(0).asString()).isEqualTo("Missing value");
        var badFilters = assertError(anyone.get(ACTION + "datastore_search?resource_id=x&filters=sex"), 409, "Validation Error", "CKAN_INVALID");
        assertThat(badFilters.get("filters").get(0).asString()).startsWith("Could not parse as valid JSON");
        var junk = assertError(anyone.post(ACTION + "datastore_search", Map.of("resource_id", "x", "bogus", 1)), 409, "Validation Error",
                "CKAN_INVALID");
        assertThat(junk.get("bogus").get(0).asString()).isEqualTo("The input field was not expected");

        // what does not exist: 404 Not Found Error
        assertError(anyone.post(ACTION + "datastore_search", Map.of("resource_id", "101-3205RS-999999")), 404, "Not Found Error",
                "OPENDATA_NOT_FOUND");
        assertError(anyone.get(ACTION + "package_show?id=no-such-dataset"), 404, "Not Found Error", "OPENDATA_NOT_FOUND");
        assertError(anyone.get(ACTION + "organization_show?id=no-such-org"), 404, "Not Found Error", "CKAN_ORGANIZATION_NOT_FOUND");
        assertError(anyone.get(ACTION + "group_show?id=astrology"), 404, "Not Found Error", "CKAN_GROUP_NOT_FOUND");
    }

    @Test
    void aConditionallyOpenedDatasetIsListedButItsRecordsNeedAKey() {
        var rs = signedIn("rs_officer");
        String code = Opened.publish(rs, "3205RS", unique("体检机构统计"), "CONDITIONAL");
        load(rs, code, csv(20, 17));
        Opened.approve(signedIn("dsj_admin"), propose(rs, code, Map.of("visits", "clear"), List.of(), 5));
        var anyone = anonymous();
        var shown = ok(anyone.get(ACTION + "package_show?id=" + code), "package_show");
        assertThat(shown.get("extras").valueStream().filter(e -> e.get("key").asString().equals("open_type"))
                .map(e -> e.get("value").asString())).containsExactly("CONDITIONAL");
        assertError(anyone.get(ACTION + "datastore_search?resource_id=" + code), 403, "Authorization Error", "OPENDATA_KEY_REQUIRED");
        // a signed-in console session posting without its CSRF token is still only the public here
        assertError(signedIn("rs_officer").withoutCsrf().post(ACTION + "datastore_search", Map.of("resource_id", code)), 403,
                "Authorization Error", "OPENDATA_KEY_REQUIRED");
    }

    // ------------------------------------------------------------------ helpers

    /** The result of a successful answer, after checking CKAN's envelope. */
    private JsonNode ok(Http.Response response, String action) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var body = response.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("help", "success", "result");
        assertThat(body.get("help").asString()).isEqualTo(baseUrl() + "/api/3/action/help_show?name=" + action);
        assertThat(body.get("success").asBoolean()).isTrue();
        return body.get("result");
    }

    /** The error of a failed answer, after checking CKAN's envelope, status and error type, and our code in the message. */
    private static JsonNode assertError(Http.Response response, int status, String type, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        var body = response.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("help", "success", "error");
        assertThat(body.get("success").asBoolean()).isFalse();
        var error = body.get("error");
        assertThat(error.get("__type").asString()).isEqualTo(type);
        assertThat(error.get("message").asString()).contains("[" + code + "]");
        return error;
    }

    private long count(Http client, String fq) {
        return ok(client.get(ACTION + "package_search?rows=0&fq=" + enc(fq)), "package_search").get("count").asLong();
    }

    private static List<String> names(JsonNode result) {
        return result.get("results").valueStream().map(p -> p.get("name").asString()).toList();
    }

    /** A published resource of the department with these theme and tags, loaded and opened (visits and sex in clear). */
    private String open(Http officer, String department, String name, String theme, List<String> tags, String licence, int rows, long seed) {
        String code = resource(officer, department, name, theme, tags);
        load(officer, code, csv(rows, seed));
        var body = form(code, Map.of("sex", "clear", "visits", "clear"), List.of(), 5);
        if (licence != null) body.put("licence", licence);
        var proposed = officer.post("/api/v1/openings", body);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        Opened.approve(signedIn("dsj_admin"), proposed.json().get("opening").get("id").asLong());
        return code;
    }

    /** Check-ups opened with birth dates hidden, districts generalized (region(4)), sex and visits in clear. */
    private String maskedCheckups(Http officer, int rows, long seed) {
        String code = Opened.publish(officer, "3205RS", unique("体检统计"), "OPEN");
        load(officer, code, csv(rows, seed));
        var fields = new LinkedHashMap<String, String>();
        fields.put("birth_date", "null");
        fields.put("sex", "clear");
        fields.put("district", "region(4)");
        fields.put("visits", "clear");
        Opened.approve(signedIn("dsj_admin"), propose(officer, code, fields, List.of("birth_date", "sex", "district"), 2));
        return code;
    }

    /** A resource whose opening is only proposed, so not public. */
    private String proposedOnly(Http officer, String name, List<String> tags) {
        String code = resource(officer, "3205RS", name, "HEALTH", tags);
        load(officer, code, csv(20, 9));
        propose(officer, code, Map.of("sex", "clear", "visits", "clear"), List.of(), 5);
        return code;
    }

    private static String resource(Http officer, String department, String name, String theme, List<String> tags) {
        var draft = with(with(with(with(valid(name, department), "fields", checkupFields()), "openType", "OPEN"), "theme", theme), "tags", tags);
        var created = officer.post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("code").asString();
        assertThat(officer.post("/api/v1/resources/" + code + "/publish", Map.of()).status()).isEqualTo(200);
        return code;
    }

    private static long propose(Http officer, String code, Map<String, String> fields, List<String> quasi, int k) {
        return Opened.proposeForReview(officer, form(code, fields, quasi, k));
    }


    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
