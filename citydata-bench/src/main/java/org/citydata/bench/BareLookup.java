package org.citydata.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The anchor of {@link ExchangeLookupBench}: the same indexed lookup as the exchange API's key lookup, in the same
 * server behind the same token check, but with no grant, no masking and no access record. Exists only in the
 * benchmark's JVM (the bench module is not part of the platform) and only when the benchmark asks for it.
 */
@RestController
@ConditionalOnProperty("citydata.bench.bare-lookup")
class BareLookup {

    /** The lookup, set by the benchmark once the data is loaded (the table is named after its version). */
    static volatile String sql;

    private final JdbcClient db;

    BareLookup(JdbcClient db) {
        this.db = db;
    }

    static void readFrom(String table) {
        sql = "select id_number, name, birth_date, mobile from dataset." + table + " where id_number = ?";
    }

    @GetMapping("/api/v1/bench/people/{key}")
    Map<String, Object> lookup(@PathVariable String key) {
        var rows = db.sql(sql).param(key).query((rs, n) -> {
            var record = new LinkedHashMap<String, Object>();
            record.put("id_number", rs.getString(1));
            record.put("name", rs.getString(2));
            record.put("birth_date", rs.getObject(3, java.time.LocalDate.class));
            record.put("mobile", rs.getString(4));
            return record;
        }).list();
        if (rows.isEmpty()) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        return Map.of("record", rows.get(0));
    }
}
