package org.citydata.opendata;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.XSD;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.citydata.datastore.ExportFormat;
import org.citydata.identity.Department;
import org.citydata.identity.Departments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * The open-data catalog as DCAT-AP 3 (https://semiceu.github.io/DCAT-AP/releases/3.0.0/): one {@code dcat:Dataset} per
 * published opening, read on every request like the rest of open data, so an unpublished one is gone at once. Each
 * dataset has one {@code dcat:Distribution} per download format of the open API, under the opening's licence.
 *
 * <p>Our themes and update cycles are written as the EU vocabularies DCAT-AP asks for ({@link EuTheme},
 * {@link EuFrequency}); the maps are exhaustive switches, so a new theme or cycle does not compile until it is mapped.
 *
 * <p>Every IRI is under the base the caller gives (the platform's public address): {@code /id/…} names things
 * (catalog, datasets, distributions, departments), the portal's pages and the API's downloads are the links.
 *
 * <p>The DCAT-AP shapes check {@code sh:class} on the data as written, without RDFS inference, so every object the
 * shapes expect to be of a class says so here, even where a reasoner would infer it ({@code rdfs:Resource} for a
 * download URL); and a theme, typed {@code skos:Concept}, carries the {@code skos:prefLabel} the shapes require.
 */
@Service
public class DcatCatalog {

    static final String EU = "http://publications.europa.eu/resource/authority/";
    static final String IANA = "https://www.iana.org/assignments/media-types/";

    /** The EU data-theme vocabulary's concepts we map to, with their English labels there. */
    enum EuTheme {
        ECON("Economy and finance"), EDUC("Education, culture and sport"), ENVI("Environment"),
        GOVE("Government and public sector"), HEAL("Health"), JUST("Justice, legal system and public safety"),
        REGI("Regions and cities"), SOCI("Population and society"), TRAN("Transport");

        final String label;

        EuTheme(String label) {
            this.label = label;
        }

        String iri() {
            return EU + "data-theme/" + name();
        }

        /**
         * 主题分类 → EU data theme. Legal entities (the register of market entities) are the economy's; credit (信用
         * information: administrative licences, penalties, lists of dishonest parties) is the record of the government's
         * regulation, hence GOVE; tourism sits with culture in the city's 文化和旅游 departments, hence EDUC; the city's
         * spatial base data (places, boundaries, addresses) is REGI.
         */
        static EuTheme of(Theme theme) {
            return switch (theme) {
                case POPULATION, SOCIAL_SECURITY -> SOCI;
                case LEGAL_ENTITY, ECONOMY -> ECON;
                case CREDIT -> GOVE;
                case TRANSPORT -> TRAN;
                case HEALTH -> HEAL;
                case ENVIRONMENT -> ENVI;
                case EDUCATION, TOURISM -> EDUC;
                case GEOSPATIAL -> REGI;
                case PUBLIC_SAFETY -> JUST;
            };
        }
    }

    /** The EU frequency vocabulary's concepts we map to, with their English labels there. */
    enum EuFrequency {
        UPDATE_CONT("continuously updated"), DAILY("daily"), WEEKLY("weekly"), MONTHLY("monthly"), QUARTERLY("quarterly"),
        ANNUAL("annual"), IRREG("irregular");

        final String label;

        EuFrequency(String label) {
            this.label = label;
        }

        String iri() {
            return EU + "frequency/" + name();
        }

        /** 更新周期 → EU frequency. Real-time data is UPDATE_CONT ("continuously updated"), not CONT, which says the data
         * describes something continuous rather than how often the dataset changes. */
        static EuFrequency of(UpdateCycle cycle) {
            return switch (cycle) {
                case REAL_TIME -> UPDATE_CONT;
                case DAILY -> DAILY;
                case WEEKLY -> WEEKLY;
                case MONTHLY -> MONTHLY;
                case QUARTERLY -> QUARTERLY;
                case YEARLY -> ANNUAL;
                case IRREGULAR -> IRREG;
            };
        }
    }

    /**
     * How a download format is named: its EU file type, its IANA media type (null where none is registered) and the
     * specification it follows where the file type alone does not say (null otherwise).
     */
    record FileType(String euCode, String mediaType, String conformsTo, String label) {

        static FileType of(ExportFormat format) {
            return switch (format) {
                case CSV -> new FileType("CSV", "text/csv", null, "CSV");
                case XLSX -> new FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null, "XLSX");
                case JSON -> new FileType("JSON", "application/json", null, "JSON");
                // the EU table has no JSON Lines, and IANA registers no media type for it: JSON, following jsonlines.org
                case JSONL -> new FileType("JSON", null, "https://jsonlines.org/", "JSON Lines");
            };
        }
    }

    private static final String CHINESE = EU + "language/ZHO";
    private static final String ENGLISH = EU + "language/ENG";

    private final Openings openings;
    private final OpenData openData;
    private final Departments departments;
    private final String publisherCode;
    private final String bureauZh;
    private final String bureauEn;

    DcatCatalog(Openings openings, OpenData openData, Departments departments,
                @Value("${citydata.opendata.catalog-publisher:}") String publisherCode,
                @Value("${citydata.admin.department-name:市大数据管理局}") String bureauZh,
                @Value("${citydata.admin.department-name-en:Municipal Big Data Bureau}") String bureauEn) {
        this.openings = openings;
        this.openData = openData;
        this.departments = departments;
        this.publisherCode = publisherCode == null ? "" : publisherCode.strip();
        this.bureauZh = bureauZh;
        this.bureauEn = bureauEn;
        JenaSystem.init(); // Jena sets itself up on first use: do it at start, not inside the first request
    }

    /**
     * The catalog of every published opening, its IRIs and links under {@code base} (scheme, host, port and context
     * path, no trailing slash).
     */
    public Model model(String base) {
        var m = ModelFactory.createDefaultModel();
        m.setNsPrefix("dcat", DCAT.NS).setNsPrefix("dct", DCTerms.NS).setNsPrefix("foaf", FOAF.NS).setNsPrefix("skos", SKOS.uri)
                .setNsPrefix("rdfs", RDFS.uri).setNsPrefix("xsd", XSD.NS);

        var publisher = publisher(m, base);
        var themes = m.createResource(EU + "data-theme", SKOS.ConceptScheme).addProperty(DCTerms.title, "Data theme", "en");
        var catalog = m.createResource(base + "/id/catalog", DCAT.Catalog)
                .addProperty(DCTerms.title, publisher.zh + "开放数据目录", "zh")
                .addProperty(DCTerms.title, "Open data catalog of the " + publisher.en, "en")
                .addProperty(DCTerms.description, "经" + publisher.zh + "审核向社会开放的政务数据：每个数据集的提供部门、主题、更新周期、"
                        + "开放许可，以及 CSV、XLSX、JSON Lines 下载地址。", "zh")
                .addProperty(DCTerms.description, "Government data the city's departments open to the public after review by the "
                        + publisher.en + ": each dataset with its provider, theme, update frequency, licence and downloads as "
                        + "CSV, XLSX and JSON Lines.", "en")
                .addProperty(DCTerms.publisher, publisher.agent)
                .addProperty(FOAF.homepage, m.createResource(base + "/open", FOAF.Document))
                .addProperty(DCTerms.language, m.createResource(CHINESE, DCTerms.LinguisticSystem))
                .addProperty(DCTerms.language, m.createResource(ENGLISH, DCTerms.LinguisticSystem))
                .addProperty(DCAT.themeTaxonomy, themes);
        var codes = openings.published().newestFirst().stream().map(o -> o.resourceCode()).toList();
        for (var d : openData.datasets(codes, Locale.CHINESE)) catalog.addProperty(DCAT.dataset, dataset(m, base, themes, d));
        return m;
    }

    private Resource dataset(Model m, String base, Resource themes, OpenDataset d) {
        String code = UriUtils.encodePathSegment(d.code(), UTF_8);
        var theme = EuTheme.of(d.theme());
        var frequency = EuFrequency.of(d.updateCycle());
        var provider = departments.findByCode(d.providerCode()).orElseThrow();
        var dataset = m.createResource(base + "/id/dataset/" + code, DCAT.Dataset)
                .addProperty(DCTerms.identifier, d.code())
                .addProperty(DCTerms.title, d.name(), "zh")
                // DCAT-AP requires a description; the catalog requires a summary too, but the name stands in should one be blank
                .addProperty(DCTerms.description, d.summary() == null || d.summary().isBlank() ? d.name() : d.summary(), "zh")
                .addProperty(DCTerms.publisher, department(m, base, provider))
                .addProperty(DCAT.theme, m.createResource(theme.iri(), SKOS.Concept)
                        .addProperty(SKOS.prefLabel, theme.label, "en").addProperty(SKOS.inScheme, themes))
                .addProperty(DCTerms.accrualPeriodicity, m.createResource(frequency.iri(), DCTerms.Frequency)
                        .addProperty(SKOS.prefLabel, frequency.label, "en"))
                // issued: when it became open data; modified: the latest change to what the public gets
                .addProperty(DCTerms.issued, dateTime(m, d.publishedAt()))
                .addProperty(DCTerms.modified, dateTime(m, Stream.of(d.publishedAt(), d.metadataUpdatedAt(), d.dataUpdatedAt())
                        .filter(Objects::nonNull).max(OffsetDateTime::compareTo).orElseThrow()))
                .addProperty(DCAT.landingPage, m.createResource(base + "/open/datasets/" + code, FOAF.Document))
                .addProperty(DCTerms.language, m.createResource(CHINESE, DCTerms.LinguisticSystem));
        for (String tag : d.tags()) dataset.addProperty(DCAT.keyword, tag, "zh");
        var licence = m.createResource(d.licence().uri, DCTerms.LicenseDocument).addProperty(DCTerms.identifier, d.licence().id);
        for (var format : ExportFormat.values()) {
            var type = FileType.of(format);
            var download = m.createResource(base + "/api/open/v1/datasets/" + code + "/download?format=" + format.extension(), RDFS.Resource);
            var distribution = m.createResource(base + "/id/dataset/" + code + "/distribution/" + format.extension(), DCAT.Distribution)
                    .addProperty(DCTerms.title, d.name() + "（" + type.label() + "）", "zh")
                    // a direct download: DCAT-AP wants the access URL in any case, and it is the same link
                    .addProperty(DCAT.accessURL, download)
                    .addProperty(DCAT.downloadURL, download)
                    .addProperty(DCTerms.format, m.createResource(EU + "file-type/" + type.euCode(), DCTerms.MediaTypeOrExtent))
                    .addProperty(DCTerms.license, licence);
            if (type.mediaType() != null) distribution.addProperty(DCAT.mediaType, m.createResource(IANA + type.mediaType(), DCTerms.MediaType));
            if (type.conformsTo() != null) distribution.addProperty(DCTerms.conformsTo, m.createResource(type.conformsTo(), DCTerms.Standard));
            dataset.addProperty(DCAT.distribution, distribution);
        }
        return dataset;
    }

    /** The catalog's publisher and its names, the English one falling back to the Chinese. */
    private record Publisher(Resource agent, String zh, String en) {}

    /**
     * The bureau: the department {@code citydata.opendata.catalog-publisher} names when set and present, else an agent
     * named as the administrator's root department is configured ({@code citydata.admin.department-name(-en)}).
     */
    private Publisher publisher(Model m, String base) {
        var department = publisherCode.isEmpty() ? Optional.<Department>empty() : departments.findByCode(publisherCode);
        if (department.isPresent()) {
            var d = department.get();
            return new Publisher(department(m, base, d), d.nameZh(), blank(d.nameEn()) ? d.nameZh() : d.nameEn());
        }
        var agent = m.createResource(base + "/id/publisher", FOAF.Agent).addProperty(FOAF.name, bureauZh, "zh");
        if (!blank(bureauEn)) agent.addProperty(FOAF.name, bureauEn, "en");
        return new Publisher(agent, bureauZh, blank(bureauEn) ? bureauZh : bureauEn);
    }

    private static Resource department(Model m, String base, Department d) {
        var agent = m.createResource(base + "/id/department/" + UriUtils.encodePathSegment(d.code(), UTF_8), FOAF.Agent)
                .addProperty(FOAF.name, d.nameZh(), "zh");
        if (!blank(d.nameEn())) agent.addProperty(FOAF.name, d.nameEn(), "en");
        return agent;
    }

    private static Literal dateTime(Model m, OffsetDateTime at) {
        return m.createTypedLiteral(at.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), XSDDatatype.XSDdateTime);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
