package org.citydata.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.citydata.catalog.FieldType;
import org.citydata.kernel.id.CreditCode;
import org.citydata.kernel.id.ResidentIdNumber;
import org.citydata.kernel.quality.ValueCheck;
import org.citydata.kernel.quality.ValueKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

class DemoRowsTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    static DemoCity.City city;
    static SuzhouPlaces places;
    static Map<String, DemoRows.Table> tables;

    @BeforeAll
    static void generateTheWholeCity() throws IOException {
        try (var in = new ClassPathResource("demo/city.json").getInputStream()) {
            city = JsonMapper.builder().build().readValue(in, DemoCity.City.class);
        }
        places = SuzhouPlaces.load();
        tables = generate(DemoData.SEED);
    }

    /** Every resource with fields, whatever its status or data source, so the by-type fallback is checked too. */
    private static Map<String, DemoRows.Table> generate(long seed) {
        var rows = new DemoRows(places, seed, AS_OF);
        var all = new HashMap<String, DemoRows.Table>();
        for (var r : city.resources())
            if (r.data() != DemoData.Source.ADMIN_DIVISIONS) all.put(r.name(), rows.table(r.name(), r.fields(), r.badRows() == null ? 0 : r.badRows()));
        return all;
    }

    private static List<DemoCity.DemoResource> loaded() {
        return city.resources().stream().filter(r -> r.status().equals("PUBLISHED") && r.data() == null).toList();
    }

    @Test
    void theSameSeedMakesTheSameRowsAndAnotherSeedOthers() {
        var again = generate(DemoData.SEED);
        for (var name : tables.keySet()) assertThat(again.get(name).rows()).as(name).isEqualTo(tables.get(name).rows());
        assertThat(again.get("常住人口基本信息").csv()).isEqualTo(tables.get("常住人口基本信息").csv());
        var other = generate(DemoData.SEED + 1);
        assertThat(other.get("常住人口基本信息").rows()).isNotEqualTo(tables.get("常住人口基本信息").rows());
    }

    @Test
    void everyLoadedResourceHasARecipeAndASmallButRealAmountOfRows() {
        for (var r : loaded()) {
            assertThat(new DemoRows(places, DemoData.SEED, AS_OF).hasRecipe(r.name())).as(r.name()).isTrue();
            assertThat(tables.get(r.name()).rows().size()).as(r.name()).isBetween(50, 500);
        }
        // about a fifth of the published resources wait for their data, so the collection rate is not a flat 100 %
        long published = city.resources().stream().filter(r -> r.status().equals("PUBLISHED")).count();
        long waiting = city.resources().stream().filter(r -> r.status().equals("PUBLISHED") && r.data() == DemoData.Source.NONE).count();
        assertThat((double) waiting / published).isBetween(0.15, 0.25);
    }

    @Test
    void everyValueFitsItsFieldAndOnlyTheRowsSpoiledOnPurposeFail() {
        int spoiledResources = 0;
        for (var r : city.resources()) {
            var table = tables.get(r.name());
            if (table == null) continue;
            var fields = r.fields();
            var keys = new HashSet<List<String>>();
            for (int i = 0; i < table.rows().size(); i++) {
                var row = table.rows().get(i);
                var problems = new ArrayList<String>();
                var key = new ArrayList<String>();
                for (int f = 0; f < fields.size(); f++) {
                    var spec = fields.get(f);
                    String value = row.get(f);
                    ValueCheck.problem(ValueKind.valueOf(spec.type().name()), spec.length(), spec.key(), value)
                            .ifPresent(p -> problems.add(spec.name() + " " + p + " " + value));
                    if (spec.key()) key.add(row.get(f));
                }
                if (table.badRows().contains(i)) assertThat(problems).as(r.name() + " row " + i + " was spoiled").isNotEmpty();
                else assertThat(problems).as(r.name() + " row " + i).isEmpty();
                assertThat(keys.add(key)).as(r.name() + " key " + key).isTrue();
            }
            if (!table.badRows().isEmpty()) {
                spoiledResources++;
                assertThat(table.badRows().size()).as(r.name()).isEqualTo(r.badRows());
                assertThat(table.badRows().size()).isLessThan(table.rows().size() / 20); // under the 5 % a load accepts
            }
        }
        assertThat(spoiledResources).isEqualTo(2);
    }

    @Test
    void identityNumbersAndCreditCodesCarryValidCheckCharactersAndRealRegions() {
        var counties = new HashSet<String>();
        AdminDivisions.all().stream().filter(d -> d.level().equals("county")).forEach(d -> counties.add(d.code()));
        int ids = 0, suzhou = 0, credits = 0;
        for (var r : city.resources()) {
            var table = tables.get(r.name());
            if (table == null) continue;
            for (int i = 0; i < table.rows().size(); i++) {
                if (table.badRows().contains(i)) continue;
                for (int f = 0; f < r.fields().size(); f++) {
                    String v = table.rows().get(i).get(f);
                    if (v == null || v.isEmpty()) continue;
                    if (r.fields().get(f).type() == FieldType.RESIDENT_ID) {
                        assertThat(ResidentIdNumber.checkCharacter(v.substring(0, 17))).as(v).isEqualTo(v.charAt(17));
                        assertThat(counties).as(v).contains(v.substring(0, 6));
                        assertThat(ResidentIdNumber.birthDate(v).orElseThrow()).isBeforeOrEqualTo(AS_OF);
                        ids++;
                        if (v.startsWith("3205")) suzhou++;
                    } else if (r.fields().get(f).type() == FieldType.CREDIT_CODE) {
                        assertThat(CreditCode.isValid(v)).as(v).isTrue();
                        assertThat(CreditCode.organizationCheck(v.substring(8, 16))).isEqualTo(v.charAt(16));
                        assertThat(counties).as(v).contains(v.substring(2, 8));
                        credits++;
                    }
                }
            }
        }
        assertThat(ids).isGreaterThan(1000);
        assertThat(credits).isGreaterThan(1000);
        assertThat((double) suzhou / ids).as("most residents' numbers were issued in 苏州").isGreaterThan(0.7);
    }

    @Test
    void peopleMatchTheirNumbersAndPlacesAreRealSuzhouStreets() {
        var residents = table("常住人口基本信息");
        var districts = places.districts().stream().map(SuzhouPlaces.District::code).toList();
        for (var row : residents) {
            String id = row.get("id_number");
            if (!ResidentIdNumber.isValid(id)) continue; // a spoiled row
            assertThat(row.get("gender_code")).isEqualTo((id.charAt(16) - '0') % 2 == 1 ? "1" : "2");
            if (row.get("birth_date").endsWith("02-30")) continue;
            assertThat(row.get("birth_date")).isEqualTo(ResidentIdNumber.birthDate(id).orElseThrow().toString());
            assertThat(districts).contains(row.get("household_region_code"));
            var district = places.district(row.get("household_region_code"));
            assertThat(row.get("household_address")).startsWith(district.prefix());
            assertThat(district.streets().stream().anyMatch(s -> row.get("household_address").startsWith(district.prefix() + s))).isTrue();
        }
        // the same company is in the register and in the penalty it was given
        var registered = new HashSet<String>();
        table("市场主体登记信息").forEach(r -> registered.add(r.get("credit_code")));
        assertThat(table("行政处罚信息")).allSatisfy(r -> assertThat(registered).contains(r.get("credit_code")));
        // pupils go to schools of the school directory
        var schools = new HashSet<String>();
        table("中小学校名录").forEach(r -> schools.add(r.get("school_code")));
        assertThat(table("中小学生学籍信息")).allSatisfy(r -> assertThat(schools).contains(r.get("school_code")));
    }

    @Test
    void vehicleIdentificationNumbersCarryTheirCheckCharacter() {
        assertThat(table("机动车登记信息")).allSatisfy(r -> {
            assertThat(r.get("vin")).hasSize(17).doesNotContain("I", "O", "Q");
            assertThat(Vin.check(r.get("vin"))).isEqualTo(r.get("vin").charAt(8));
        });
        assertThat(Vin.check("1M8GDM9AXKP042788")).isEqualTo('X'); // the check digit example of 49 CFR 565
    }

    @Test
    void theDivisionsAreAllOfChinaWithTheirLevelsAndParents() {
        var all = AdminDivisions.all();
        assertThat(all).hasSize(31 + 342 + 2978 + 41352);
        var byCode = new HashMap<String, AdminDivisions.Division>();
        all.forEach(d -> assertThat(byCode.put(d.code(), d)).as(d.code()).isNull());
        assertThat(byCode.get("320505")).isEqualTo(new AdminDivisions.Division("320505", "虎丘区", "county", "3205"));
        assertThat(byCode.get("32").parentCode()).isNull();
        assertThat(all).filteredOn(d -> d.parentCode() != null).allSatisfy(d -> assertThat(byCode).containsKey(d.parentCode()));
    }

    /** A generated table as maps from field name to value. */
    private static List<Map<String, String>> table(String name) {
        var fields = city.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().fields();
        var rows = new ArrayList<Map<String, String>>();
        for (var row : tables.get(name).rows()) {
            var map = new HashMap<String, String>();
            for (int f = 0; f < fields.size(); f++) map.put(fields.get(f).name(), row.get(f));
            rows.add(map);
        }
        return rows;
    }
}
