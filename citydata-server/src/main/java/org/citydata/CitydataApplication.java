package org.citydata;

import java.util.Arrays;
import org.citydata.catalog.CatalogSearch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CitydataApplication {

    /**
     * Runs the platform. {@code reindex} as the first argument instead rebuilds the catalog's search index from the
     * database and exits (for use while the platform is stopped; a running platform rebuilds from its console or
     * {@code POST /api/v1/admin/search/reindex}).
     */
    public static void main(String[] args) {
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
}
