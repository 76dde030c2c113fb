package org.citydata;

import java.util.Arrays;
import org.citydata.audit.LogVerification;
import org.citydata.catalog.CatalogSearch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CitydataApplication {

    /**
     * Runs the platform. {@code reindex} as the first argument instead rebuilds the catalog's search index from the
     * database and exits (for use while the platform is stopped; a running platform rebuilds from its console or
     * {@code POST /api/v1/admin/search/reindex}). {@code verify-audit} verifies the whole access log against its
     * signed heads, prints the verdict and exits with status 1 when the log is not intact (on the embedded database
     * while the platform is stopped; on an external one at any time; a running platform also verifies from its
     * console or {@code POST /api/v1/audit/verify}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify-audit")) {
            if (!verifyAudit(Arrays.copyOfRange(args, 1, args.length))) System.exit(1);
            return;
        }
        if (args.length > 0 && args[0].equals("reindex")) {
            var app = new SpringApplication(CitydataApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            try (var context = app.run(Arrays.copyOfRange(args, 1, args.length))) {
                var rebuilt = context.getBean(CatalogSearch.class).rebuild();
                System.out.printf("catalog index rebuilt: %d resources in %d ms%n", rebuilt.resources(), rebuilt.millis());
            }
            return;
        }
        SpringApplication.run(CitydataApplication.class, args);
    }

    /** Whether the access log is intact; prints progress and the verdict. Signs no heads while it looks. */
    static boolean verifyAudit(String[] args) {
        var app = new SpringApplication(CitydataApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(java.util.Map.of("citydata.audit.sign-heads", "false"));
        try (var context = app.run(args)) {
            var started = System.nanoTime();
            var verdict = context.getBean(LogVerification.class).verify(new LogVerification.Progress() {
                private long work;
                private long checked;
                private int shown = -1;

                @Override
                public void work(long total) {
                    work = total;
                }

                @Override
                public void checked(long more) {
                    checked += more;
                    int percent = work == 0 ? 100 : (int) (checked * 100 / work);
                    if (percent / 10 != shown / 10) System.out.printf("verifying the access log: %d%%%n", percent);
                    shown = percent;
                }
            });
            System.out.printf("access log %s: %s (%d records, %d signed heads, %d ms)%n", verdict.intact() ? "intact" : "NOT INTACT",
                    verdict, verdict.records(), verdict.heads(), (System.nanoTime() - started) / 1_000_000);
            return verdict.intact();
        }
    }
}
