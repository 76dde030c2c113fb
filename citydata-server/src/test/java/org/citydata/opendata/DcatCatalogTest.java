package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.checkupFields;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.form;
import static org.citydata.opendata.Opened.load;
import static org.citydata.support.Drafts.valid;
import static org.citydata.support.Drafts.with;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.citydata.identity.Departments;
import org.citydata.support.Http;
import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The DCAT-AP 3 catalog over HTTP, in Turtle and JSON-LD: the whole catalog (every test class publishes into the same
 * database) conforms to the official DCAT-AP 3.0.0 SHACL shapes, and the datasets published here are described as
 * mapped — theme, frequency, licence, publisher, three distributions whose links work — and leave it when unpublished.
 */
class DcatCatalogTest extends WebTest {

    private static final String EU = "http://publications.europa.eu/resource/authority/";
    private static final Shapes SHAPES = Shapes.parse(shapes());

    @Autowired
    Departments departments;
    @Autowired
    Openings openings;
    @Autowired
    OpenData openData;

    @Test
    void bothSerializationsConformToTheDcatAp3ShapesAndDescribeEachPublishedDataset() {
        var rs = signedIn("rs_officer");
        String health = publish(rs, unique("体检人次统计"), "HEALTH", "DAILY");
        Opened.approve(signedIn("dsj_admin"), propose(rs, health, null));
        String transport = publish(rs, unique("实时公交到站"), "TRANSPORT", "REAL_TIME");
        Opened.approve(signedIn("dsj_admin"), propose(rs, transport, "CC0-1.0"));
        var provider = departments.findByCode("3205RS").orElseThrow();

        for (var catalog : List.of(turtle(), jsonLd())) {
            assertConforms(catalog);

            var c = single(catalog.listResourcesWithProperty(RDF.type, DCAT.Catalog).toList());
            assertThat(c.getURI()).isEqualTo(baseUrl() + "/id/catalog");
            assertThat(texts(c, DCTerms.title)).hasSize(2).allSatisfy(t -> assertThat(t).isNotBlank());
            assertThat(languages(c, DCTerms.title)).containsExactlyInAnyOrder("zh", "en");
            assertThat(languages(c, DCTerms.description)).containsExactlyInAnyOrder("zh", "en");
            // the test platform names no publishing department: the administrator's root department stands in
            var bureau = c.getPropertyResourceValue(DCTerms.publisher);
            assertThat(bureau.hasProperty(RDF.type, FOAF.Agent)).isTrue();
            assertThat(texts(bureau, FOAF.name)).containsExactlyInAnyOrder("市大数据管理局", "Municipal Big Data Bureau");
            assertThat(c.getPropertyResourceValue(FOAF.homepage).getURI()).isEqualTo(baseUrl() + "/open");

            var h = dataset(catalog, health);
            assertThat(h).as("%s in the catalog", health).isNotNull();
            assertThat(catalog.contains(c, DCAT.dataset, h)).isTrue();
            assertThat(texts(h, DCTerms.title)).singleElement().asString().startsWith("体检人次统计");
            assertThat(languages(h, DCTerms.title)).containsExactly("zh");
            assertThat(texts(h, DCTerms.description)).singleElement().asString().startsWith("全市体检人次统计");
            assertThat(texts(h, DCAT.keyword)).containsExactlyInAnyOrder("人口", "测试");
            var publisher = h.getPropertyResourceValue(DCTerms.publisher);
            assertThat(publisher.getURI()).isEqualTo(baseUrl() + "/id/department/3205RS");
            assertThat(texts(publisher, FOAF.name)).containsExactlyInAnyOrder(provider.nameZh(), provider.nameEn());
            assertThat(iris(h, DCAT.theme)).containsExactly(EU + "data-theme/HEAL");
            assertThat(iris(h, DCTerms.accrualPeriodicity)).containsExactly(EU + "frequency/DAILY");
            assertThat(iris(h, DCAT.landingPage)).containsExactly(baseUrl() + "/open/datasets/" + health);
            for (var date : List.of(DCTerms.issued, DCTerms.modified))
                assertThat(h.getProperty(date).getLiteral().getDatatypeURI()).isEqualTo(XSDDatatype.XSDdateTime.getURI());
            assertDistributions(h, health, Licence.CC_BY_4_0);

            var t = dataset(catalog, transport);
            assertThat(t).as("%s in the catalog", transport).isNotNull();
            assertThat(iris(t, DCAT.theme)).containsExactly(EU + "data-theme/TRAN");
            assertThat(iris(t, DCTerms.accrualPeriodicity)).containsExactly(EU + "frequency/UPDATE_CONT");
            assertDistributions(t, transport, Licence.CC0_1_0);

            // the shapes are live: a dataset without the description DCAT-AP requires is a violation
            var broken = ModelFactory.createDefaultModel().add(catalog);
            broken.removeAll(h, DCTerms.description, null);
            assertThat(violations(ShaclValidator.get().validate(SHAPES, broken.getGraph())))
                    .extracting(e -> e.focusNode().getURI() + " " + e.resultPath()).containsExactly(h.getURI() + " <" + DCTerms.description.getURI() + ">");
        }

        // the links work: the portal's pages, and the open API's CSV download with the opened fields, for anyone
        assertThat(anonymous().get("/open").status()).isEqualTo(200);
        assertThat(anonymous().get("/open/datasets/" + health).status()).isEqualTo(200);
        var csvLink = dataset(turtle(), health).listProperties(DCAT.distribution).toList().stream().map(s -> s.getResource())
                .filter(d -> d.getURI().endsWith("/csv")).findFirst().orElseThrow().getPropertyResourceValue(DCAT.downloadURL).getURI();
        var downloaded = new String(anonymous().bytes(csvLink.substring(baseUrl().length())), StandardCharsets.UTF_8);
        assertThat(downloaded.lines().toList()).hasSize(21).first().isEqualTo("\uFEFFvisits"); // the BOM is for Excel
    }

    @Test
    void onlyPublishedOpeningsAreInTheCatalogAndUnpublishingTakesOneOutAtOnce() {
        var rs = signedIn("rs_officer");
        String inReview = publish(rs, unique("待审体检统计"), "HEALTH", "MONTHLY");
        propose(rs, inReview, null);
        String published = publish(rs, unique("季度体检统计"), "HEALTH", "QUARTERLY");
        long id = propose(rs, published, null);
        Opened.approve(signedIn("dsj_admin"), id);

        for (var catalog : List.of(turtle(), jsonLd())) {
            assertThat(dataset(catalog, inReview)).as("an opening in review").isNull();
            assertThat(iris(dataset(catalog, published), DCTerms.accrualPeriodicity)).containsExactly(EU + "frequency/QUARTERLY");
        }

        var unpublished = rs.post("/api/v1/openings/" + id + "/unpublish", Map.of("reason", "数据口径调整，暂停开放"));
        assertThat(unpublished.status()).as(unpublished.body()).isEqualTo(200);
        for (var catalog : List.of(turtle(), jsonLd())) {
            assertConforms(catalog);
            assertThat(dataset(catalog, published)).as("an unpublished opening").isNull();
            assertThat(catalog.listSubjectsWithProperty(RDF.type, DCAT.Distribution).toList())
                    .noneMatch(d -> d.getURI().contains("/id/dataset/" + published + "/"));
        }
    }

    @Test
    void aConfiguredPublisherAndPublicUrlNameTheBureauAndEveryLink() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, unique("年度体检统计"), "HEALTH", "YEARLY");
        Opened.approve(signedIn("dsj_admin"), propose(rs, code, null));
        String base = "https://data.example.gov.cn";
        var catalog = new DcatCatalog(openings, openData, departments, "3205DSJ", "不用", "Unused").model(base);

        assertConforms(catalog);
        var bureau = departments.findByCode("3205DSJ").orElseThrow();
        var publisher = single(catalog.listResourcesWithProperty(RDF.type, DCAT.Catalog).toList())
                .getPropertyResourceValue(DCTerms.publisher);
        assertThat(publisher.getURI()).isEqualTo(base + "/id/department/3205DSJ");
        assertThat(texts(publisher, FOAF.name)).containsExactlyInAnyOrder(bureau.nameZh(), bureau.nameEn());
        var d = dataset(catalog, code);
        assertThat(iris(d, DCTerms.accrualPeriodicity)).containsExactly(EU + "frequency/ANNUAL");
        assertThat(iris(d, DCAT.landingPage)).containsExactly(base + "/open/datasets/" + code);
        // nothing in the catalog points back at the address the tests reach the platform by
        assertThat(catalog.listStatements().toList()).noneMatch(s -> s.getSubject().toString().startsWith(baseUrl())
                || s.getObject().toString().startsWith(baseUrl()));
    }

    // ------------------------------------------------------------------ helpers

    private void assertDistributions(Resource dataset, String code, Licence licence) {
        var distributions = dataset.listProperties(DCAT.distribution).mapWith(s -> s.getResource()).toList();
        assertThat(distributions).hasSize(4);
        String download = baseUrl() + "/api/open/v1/datasets/" + code + "/download?format=";
        assertThat(distributions.stream().flatMap(d -> iris(d, DCAT.downloadURL).stream()))
                .containsExactlyInAnyOrder(download + "csv", download + "xlsx", download + "json", download + "jsonl");
        assertThat(distributions.stream().flatMap(d -> iris(d, DCTerms.format).stream()))
                .containsExactlyInAnyOrder(EU + "file-type/CSV", EU + "file-type/XLSX", EU + "file-type/JSON", EU + "file-type/JSON");
        assertThat(distributions.stream().flatMap(d -> iris(d, DCAT.mediaType).stream())).containsExactlyInAnyOrder(
                "https://www.iana.org/assignments/media-types/text/csv",
                "https://www.iana.org/assignments/media-types/application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "https://www.iana.org/assignments/media-types/application/json");
        assertThat(distributions).allSatisfy(d -> {
            assertThat(iris(d, DCAT.accessURL)).isEqualTo(iris(d, DCAT.downloadURL));
            assertThat(iris(d, DCTerms.license)).containsExactly(licence.uri);
            assertThat(d.getPropertyResourceValue(DCTerms.license).hasProperty(RDF.type, DCTerms.LicenseDocument)).isTrue();
        });
    }

    private static void assertConforms(Model catalog) {
        var report = ShaclValidator.get().validate(SHAPES, catalog.getGraph());
        var out = new ByteArrayOutputStream();
        ShLib.printReport(out, report);
        assertThat(violations(report)).as("DCAT-AP 3 violations:%n%s", out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static List<ReportEntry> violations(ValidationReport report) {
        return report.getEntries().stream().filter(e -> e.severity() == Severity.Violation).toList();
    }

    private Model turtle() {
        var r = anonymous().get("/api/open/v1/catalog.ttl");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/turtle");
        return parse(r.body(), Lang.TURTLE);
    }

    private Model jsonLd() {
        var r = anonymous().get("/api/open/v1/catalog.jsonld");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/ld+json");
        return parse(r.body(), Lang.JSONLD);
    }

    private static Model parse(String body, Lang lang) {
        var model = ModelFactory.createDefaultModel();
        RDFParser.fromString(body, lang).parse(model);
        return model;
    }

    /** The dataset whose dct:identifier is the resource code, or null. */
    private static Resource dataset(Model catalog, String code) {
        var found = catalog.listResourcesWithProperty(DCTerms.identifier, code).filterKeep(r -> r.hasProperty(RDF.type, DCAT.Dataset)).toList();
        assertThat(found).hasSizeLessThan(2);
        return found.isEmpty() ? null : found.get(0);
    }

    private static Resource single(List<Resource> resources) {
        assertThat(resources).hasSize(1);
        return resources.get(0);
    }

    private static List<String> texts(Resource r, Property p) {
        return r.listProperties(p).mapWith(s -> s.getLiteral().getLexicalForm()).toList();
    }

    private static Set<String> languages(Resource r, Property p) {
        return r.listProperties(p).mapWith(s -> s.getLiteral()).toList().stream().map(Literal::getLanguage).collect(Collectors.toSet());
    }

    private static List<String> iris(Resource r, Property p) {
        return r.listProperties(p).mapWith(s -> s.getObject()).filterKeep(RDFNode::isURIResource).mapWith(n -> n.asResource().getURI()).toList();
    }

    /** A published resource of 人社局 with the checkup fields and data, of the given theme and update cycle. */
    private static String publish(Http officer, String name, String theme, String updateCycle) {
        var draft = with(with(with(with(valid(name, "3205RS"), "fields", checkupFields()), "openType", "OPEN"), "theme", theme),
                "updateCycle", updateCycle);
        var created = officer.post("/api/v1/resources", draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("code").asString();
        var published = officer.post("/api/v1/resources/" + code + "/publish", Map.of());
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        load(officer, code, csv(20, code.hashCode()));
        return code;
    }

    /** Proposes to open the visit counts only, under a licence (null: the platform's default); it goes to review. */
    private static long propose(Http officer, String code, String licence) {
        var body = form(code, Map.of("visits", "clear"), List.of(), 5);
        if (licence != null) body.put("licence", licence);
        return Opened.proposeForReview(officer, body);
    }


    private static org.apache.jena.graph.Graph shapes() {
        try (InputStream in = DcatCatalogTest.class.getResourceAsStream("/dcat-ap/dcat-ap_3_shacl_shapes.ttl")) {
            return RDFParser.source(in).lang(Lang.TURTLE).toGraph();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
