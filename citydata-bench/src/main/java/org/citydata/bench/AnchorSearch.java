package org.citydata.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The naive way to search a catalog, which ours has to beat: {@code ILIKE '%term%'} over name and summary for each
 * word of the query, the facets as {@code WHERE} conditions, then what the API answers — the total
 * ({@code count(*)}) and the first page of 20, newest first. The same visibility rule as the index: drafts only of
 * the searcher's own department. Plain JDBC on the platform's database, no index beyond the tables' own.
 */
final class AnchorSearch {

    private static final String FROM = " from catalog_resource r join identity_department d on d.id = r.provider_id";
    private static final String PAGE = """
            select r.code, r.name, r.summary, d.code as provider_code, r.theme, r.share_type, r.open_type, r.format,
                   r.update_cycle, r.status, r.tags, r.updated_at""";

    private final Connection connection;
    private final long departmentId;

    AnchorSearch(Connection connection, long departmentId) {
        this.connection = connection;
        this.departmentId = departmentId;
    }

    /** Runs the count and the first page; returns the total. */
    long search(CatalogSearchBench.Query query) throws SQLException {
        var where = new StringBuilder(" where (r.status <> 'DRAFT' or r.provider_id = ?)");
        var params = new ArrayList<Object>();
        params.add(departmentId);
        for (String term : query.terms()) {
            where.append(" and (r.name ilike ? or r.summary ilike ?)");
            String like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        for (Map.Entry<String, List<String>> facet : query.facets().entrySet()) {
            String column = switch (facet.getKey()) {
                case "provider" -> "d.code";
                case "theme" -> "r.theme";
                case "shareType" -> "r.share_type";
                case "openType" -> "r.open_type";
                case "status" -> "r.status";
                default -> throw new IllegalArgumentException("no anchor column for facet " + facet.getKey());
            };
            where.append(" and ").append(column).append(" = any(?)");
            params.add(connection.createArrayOf("text", facet.getValue().toArray()));
        }
        long total;
        try (var count = prepare("select count(*)" + FROM + where, params); var rs = count.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
        }
        try (var page = prepare(PAGE + FROM + where + " order by r.updated_at desc limit 20", params);
             var rs = page.executeQuery()) {
            while (rs.next()) {
                rs.getString(1);
                rs.getString(2);
                rs.getString(3);
            }
        }
        return total;
    }

    private PreparedStatement prepare(String sql, List<Object> params) throws SQLException {
        var ps = connection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
        return ps;
    }
}
