package org.citydata.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** Request parameters as sent. */
public final class RequestParams {

    private RequestParams() {}

    /** Every value of a repeatable parameter, unsplit: Spring would split a single {@code filter} at its commas, which an {@code in} list has. */
    public static List<String> all(HttpServletRequest request, String name) {
        var values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }
}
