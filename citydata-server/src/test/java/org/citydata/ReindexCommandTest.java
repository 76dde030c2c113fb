package org.citydata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReindexCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void theReindexCommandRebuildsTheIndexFromTheDatabaseAndExits() throws Exception {
        var out = new ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new PrintStream(out, true, "UTF-8"));
        try {
            CitydataApplication.main(new String[]{"reindex", "--citydata.data-dir=" + dataDir, "--citydata.demo.enabled=true",
                    "--citydata.admin.password=Admin@12345", "--logging.level.root=WARN"});
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString("UTF-8")).contains("catalog index rebuilt:");
        try (var dir = FSDirectory.open(dataDir.resolve("index/catalog")); var reader = DirectoryReader.open(dir)) {
            assertThat(reader.numDocs()).isEqualTo(43);
        }
    }
}
