package org.citydata.opendata.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** CKAN's offset and limit as the datastore's pages: exactly the rows asked for, in few reads. */
class RowWindowTest {

    @Test
    void everyWindowIsCoveredExactlyByAlignedPagesOfAtMost500Rows() {
        var random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            long offset = random.nextInt(i % 2 == 0 ? 1_000 : 5_000_000);
            int limit = random.nextInt(32_001);
            long at = offset;
            for (var page : new RowWindow(offset, limit).pages()) {
                assertThat(page.size()).isBetween(1, 500);
                assertThat((long) page.page() * page.size()).as("offset %d limit %d", offset, limit).isEqualTo(at);
                at += page.size();
            }
            assertThat(at).as("offset %d limit %d", offset, limit).isEqualTo(offset + limit);
        }
    }

    @Test
    void aClientPagingThroughReadsOnePagePerRequestOrOnePer500Rows() {
        assertThat(new RowWindow(0, 100).pages()).containsExactly(new RowWindow.Page(0, 100));
        assertThat(new RowWindow(300, 100).pages()).containsExactly(new RowWindow.Page(3, 100));
        assertThat(new RowWindow(32_000, 32_000).pages()).hasSize(64);
        assertThat(new RowWindow(250, 100).pages()).containsExactly(new RowWindow.Page(5, 50), new RowWindow.Page(6, 50));
        assertThat(new RowWindow(1, 499).pages().size()).isLessThan(16);
        assertThat(new RowWindow(7, 0).pages()).isEmpty();
    }
}
