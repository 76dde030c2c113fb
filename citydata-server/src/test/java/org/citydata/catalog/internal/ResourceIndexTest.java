package org.citydata.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.citydata.catalog.DataFormat;
import org.citydata.catalog.OpenType;
import org.citydata.catalog.ResourceStatus;
import org.citydata.catalog.ShareType;
import org.citydata.catalog.Theme;
import org.citydata.catalog.UpdateCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text matching of the catalog index, on resources put one by one (each put its own segment, as in service). */
class ResourceIndexTest {

    private static final ResourceIndex.Viewer EVERYONE = new ResourceIndex.Viewer(0, true);

    @TempDir
    Path dir;
    ResourceIndex index;

    @BeforeEach
    void open() {
        index = new ResourceIndex(dir);
        // every resource has tags, so that a word's weight in each field compares (BM25 counts a field's documents)
        put(1, "R1", "公交线路", "各区站点信息汇总", List.of("交通"), "");
        put(2, "R2", "站点信息", "地铁与公交换乘", List.of("交通"), "");
        put(3, "R3", "出租车营运", "车辆与公交接驳", List.of("交通"), "");
        put(4, "R4", "企业登记信息", "市场主体", List.of("市场"), "");
        put(5, "R5", "年报汇总", "各类企业年度报告", List.of("统计"), "");
        put(6, "R6", "许可事项", "行政审批", List.of("企业"), "");
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void aTextMatchesWhereEachOfItsCharacterPairsIsInSomeFieldOfAnySegment() throws Exception {
        try (var reader = DirectoryReader.open(FSDirectory.open(dir))) {
            assertThat(reader.leaves()).as("segments the lookups go through").hasSizeGreaterThan(1);
        }
        // R1: 公交 in the name, 站点 in the summary; R2 the other way round; R3 has 公交 only
        assertThat(index.codes("公交 站点", EVERYONE)).containsExactlyInAnyOrder("R1", "R2");
        assertThat(index.top("公交 站点", EVERYONE, 10).total()).isEqualTo(2);
        // 线路 and 站点 are both in R1 only, in two fields
        assertThat(index.codes("线路 站点", EVERYONE)).containsExactly("R1");
    }

    @Test
    void aPairNoResourceHoldsMatchesNothingEvenWhenTheOtherPairsMatch() {
        assertThat(index.codes("公交 高铁", EVERYONE)).isEmpty();
        assertThat(index.top("公交 高铁", EVERYONE, 10)).isEqualTo(new org.citydata.catalog.CatalogSearch.Top(0, List.of()));
        assertThat(index.codes("磁悬浮", EVERYONE)).isEmpty();
    }

    @Test
    void aWordRanksByTheFieldThatHoldsItNameThenTagsThenSummary() {
        assertThat(index.codes("企业", EVERYONE)).containsExactly("R4", "R6", "R5");
        assertThat(index.top("企业", EVERYONE, 2).codes()).containsExactly("R4", "R6");
    }

    @Test
    void aResourceCodeFindsItsResourceAlone() {
        assertThat(index.codes("r5", EVERYONE)).containsExactly("R5");
    }

    @Test
    void aChangedResourceIsFoundByItsNewTextOnlyAfterThePut() {
        assertThat(index.codes("出租 站点", EVERYONE)).isEmpty();
        put(3, "R3", "出租车营运", "巡游车站点分布", List.of("交通"), "");
        assertThat(index.codes("出租 站点", EVERYONE)).containsExactly("R3");
        assertThat(index.codes("接驳", EVERYONE)).isEmpty();
    }

    private void put(long id, String code, String name, String summary, List<String> tags, String fieldText) {
        index.put(new ResourceIndex.Entry(id, code, name, summary, "DEPT", 1, Theme.ECONOMY, ShareType.UNCONDITIONAL,
                OpenType.OPEN, DataFormat.DATABASE, UpdateCycle.MONTHLY, ResourceStatus.PUBLISHED, tags, fieldText,
                OffsetDateTime.parse("2026-11-01T08:00:00+08:00").plusHours(id)));
    }
}
