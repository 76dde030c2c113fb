package org.citydata.opendata.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.citydata.kernel.Violation;
import org.junit.jupiter.api.Test;

/** CKAN's fq as its clients write it: harvester terms, OR and NOT, value groups, quoted values, date ranges. */
class FilterQueryTest {

    /** A package of 3205RS in the health theme, tagged 体检 and 公开数据, modified on 2024-05-01. */
    private static final FilterQuery.Facts PACKAGE = new FilterQuery.Facts(Map.<String, Collection<String>>of(
            "organization", List.of("3205rs"), "groups", List.of("health"), "tags", List.of("体检", "公开 数据"),
            "res_format", List.of("CSV", "XLSX", "JSONL"), "license_id", List.of("CC-BY-4.0"),
            "name", List.of("101-3205rs-000001"), "id", List.of("101-3205RS-000001")),
            Map.of("metadata_modified", Instant.parse("2024-05-01T08:00:00Z"), "metadata_created", Instant.parse("2024-04-01T08:00:00Z")));

    private static boolean matches(String fq) {
        var parsed = FilterQuery.parse(List.of(fq), "fq");
        assertThat(parsed.succeeded()).as(fq).isTrue();
        return parsed.value().test(PACKAGE);
    }

    private static List<Violation> refused(String fq) {
        var parsed = FilterQuery.parse(List.of(fq), "fq");
        assertThat(parsed.succeeded()).as(fq).isFalse();
        return parsed.problem().violations();
    }

    @Test
    void termsSideBySideMustAllHoldAndOrNeedsOne() {
        assertThat(matches("organization:3205rs groups:health")).isTrue();
        assertThat(matches("organization:3205rs AND groups:education")).isFalse();
        assertThat(matches("+organization:3205rs +tags:体检")).isTrue();
        // the CKAN harvester's organizations_filter_include
        assertThat(matches("organization:3205ga OR organization:3205rs")).isTrue();
        assertThat(matches("organization:3205ga OR organization:3205jt groups:health")).isFalse();
        assertThat(matches("groups:(education OR health)")).isTrue();
        assertThat(matches("groups:(education tourism)")).isFalse();
    }

    @Test
    void aMinusOrNotNegatesATerm() {
        // the CKAN harvester's organizations_filter_exclude
        assertThat(matches("-organization:3205ga -organization:3205jt")).isTrue();
        assertThat(matches("-organization:3205rs")).isFalse();
        assertThat(matches("NOT groups:health")).isFalse();
    }

    @Test
    void valuesCompareWithoutCaseAndMayBeQuotedOrEscaped() {
        assertThat(matches("organization:3205RS res_format:csv license_id:cc-by-4.0")).isTrue();
        assertThat(matches("tags:\"公开 数据\"")).isTrue();
        assertThat(matches("tags:公开\\ 数据")).isTrue();
        assertThat(matches("tags:公开")).isFalse();
        assertThat(matches("name:101-3205rs-000001 id:101-3205RS-000001")).isTrue();
        assertThat(matches("tags:*")).isTrue();
    }

    @Test
    void datesTakeSolrRangesAndInstants() {
        // the CKAN harvester's "modified since the last harvest", with Python's isoformat fractions
        assertThat(matches("metadata_modified:[2024-04-30T07:00:00.123456Z TO *]")).isTrue();
        assertThat(matches("metadata_modified:[2024-05-02T00:00:00Z TO *]")).isFalse();
        assertThat(matches("metadata_modified:[* TO 2024-05-01T08:00:00Z]")).isTrue();
        assertThat(matches("metadata_modified:{* TO 2024-05-01T08:00:00Z}")).isFalse();
        assertThat(matches("metadata_created:[2024-04-01 TO 2024-04-02]")).isTrue();
        assertThat(matches("metadata_modified:2024-05-01T08\\:00\\:00Z")).isTrue();
    }

    @Test
    void fieldsOtherThanAPackagesAreNamedInTheRefusal() {
        var violations = refused("capacity:public organization:3205rs site_id:default");
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("fq");
            assertThat(v.code()).isEqualTo("ckan.fq_fields");
            assertThat(v.args().get(0)).isEqualTo("capacity, site_id");
        });
    }

    @Test
    void malformedTextIsRefusedWithWhereItBroke() {
        assertThat(refused("organization").get(0).code()).isEqualTo("ckan.fq_syntax");
        assertThat(refused("tags:\"unterminated").get(0).code()).isEqualTo("ckan.fq_syntax");
        assertThat(refused("OR groups:health").get(0).code()).isEqualTo("ckan.fq_syntax");
        assertThat(refused("groups:(health").get(0).code()).isEqualTo("ckan.fq_syntax");
        assertThat(refused("metadata_modified:[yesterday TO *]").get(0).code()).isEqualTo("ckan.fq_date");
        assertThat(refused("tags:[a TO b]").get(0).code()).isEqualTo("ckan.fq_range");
    }

    @Test
    void nothingToFilterOnLetsEverythingThrough() {
        assertThat(matches("")).isTrue();
        assertThat(FilterQuery.parse(List.of(), "fq").value().test(PACKAGE)).isTrue();
    }
}
