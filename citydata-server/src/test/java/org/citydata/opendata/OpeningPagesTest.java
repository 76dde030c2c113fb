package org.citydata.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citydata.opendata.Opened.csv;
import static org.citydata.opendata.Opened.load;
import static org.citydata.opendata.Opened.publish;

import org.citydata.support.WebTest;
import org.junit.jupiter.api.Test;

/** The console's opening pages over HTTP: propose with the form, see the assessment, apply its fixes, review, unpublish. */
class OpeningPagesTest extends WebTest {

    @Test
    void anOfficerProposesAppliesTheFixesAndTheBureauApproves() {
        var rs = signedIn("rs_officer");
        String code = publish(rs, "3205RS", unique("体检记录（控制台）"), "OPEN");
        load(rs, code, csv(50, 31));
        assertThat(rs.get("/resources/" + code).body()).contains("id=\"propose-opening\"");

        var form = rs.get("/openings/new?resource=" + code);
        assertThat(form.status()).isEqualTo(200);
        // date fields and fields labelled like a district are quasi-identifiers by default
        assertThat(form.body()).contains("id=\"quasi-birth_date\" checked", "id=\"quasi-district\" checked");
        // everything opened in clear (the steward left the ID at L1): blocked
        var proposed = rs.csrfFrom(form).formPairs("/openings", "resourceCode", code,
                "open", "person_id", "mask.person_id", "clear", "open", "birth_date", "mask.birth_date", "clear",
                "open", "sex", "mask.sex", "clear", "open", "district", "mask.district", "clear",
                "quasi", "birth_date", "quasi", "sex", "quasi", "district", "k", "5", "licence", "CC-BY-4.0");
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(302);
        String location = proposed.header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        var blocked = rs.get("/openings/" + id);
        assertThat(blocked.body()).contains("data-state=\"BLOCKED\"", "data-code=\"PII_IN_CLEAR\"", "data-code=\"K_ANONYMITY\"",
                "检测到个人信息", "id=\"apply-fixes\"");

        // the fixes pre-fill the form: the ID nulled, the quasi-identifiers generalized
        var fixes = rs.get("/openings/" + id + "/edit?fixes=true");
        assertThat(fixes.body()).containsPattern("id=\"mask-person_id\">[\\s\\S]*?value=\"null\" selected");
        var revised = rs.csrfFrom(fixes).formPairs("/openings/" + id + "/edit", "resourceCode", code,
                "open", "birth_date", "mask.birth_date", selected(fixes.body(), "birth_date"),
                "open", "sex", "mask.sex", selected(fixes.body(), "sex"),
                "open", "district", "mask.district", selected(fixes.body(), "district"),
                "quasi", "birth_date", "quasi", "sex", "quasi", "district", "k", "5", "licence", "CC-BY-4.0");
        assertThat(revised.status()).as(revised.body()).isEqualTo(302);
        assertThat(rs.get("/openings/" + id).body()).contains("data-state=\"IN_REVIEW\"", "id=\"assessment-passes\"")
                .doesNotContain("id=\"approve\"");

        var bureau = signedIn("dsj_admin");
        var page = bureau.get("/openings?state=IN_REVIEW");
        assertThat(page.body()).contains("data-id=\"" + id + "\"", "id=\"console-city-rate\"");
        var approved = bureau.csrfFrom(bureau.get("/openings/" + id)).formPairs("/openings/" + id + "/approve", "text", "同意");
        assertThat(approved.status()).isEqualTo(302);
        assertThat(bureau.get("/openings/" + id).body()).contains("data-state=\"PUBLISHED\"", "id=\"portal-link\"");
        assertThat(anonymous().get("/open/datasets/" + code).status()).isEqualTo(200);

        // unpublishing without a reason is refused and says why; with one it takes the dataset off
        var noReason = rs.csrfFrom(rs.get("/openings/" + id)).formPairs("/openings/" + id + "/unpublish", "text", "");
        assertThat(rs.get(java.net.URI.create(noReason.header("Location")).getPath()).body()).contains("请填写理由", "data-state=\"PUBLISHED\"");
        rs.formPairs("/openings/" + id + "/unpublish", "text", "数据有误");
        assertThat(rs.get("/openings/" + id).body()).contains("data-state=\"UNPUBLISHED\"", "data-action=\"UNPUBLISH\"", "数据有误");
        assertThat(anonymous().get("/open/datasets/" + code).status()).isEqualTo(404);
    }

    /** The rule selected for a field in the form. */
    private static String selected(String html, String field) {
        var m = java.util.regex.Pattern.compile("id=\"mask-" + field + "\">[\\s\\S]*?value=\"([^\"]+)\" selected").matcher(html);
        assertThat(m.find()).as("a rule is selected for " + field).isTrue();
        return m.group(1);
    }
}
