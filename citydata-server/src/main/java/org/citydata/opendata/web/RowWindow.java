package org.citydata.opendata.web;

import java.util.ArrayList;
import java.util.List;

/**
 * CKAN's {@code offset} and {@code limit} as the datastore's pages ({@code page × size}, at most 500 rows each): the
 * fewest aligned pages that cover exactly the rows asked for. Exactly, not a few more sliced off afterwards: every
 * page read is recorded in the access log with the rows it read, and a person's "who saw my data" must not list reads
 * of rows that were never sent. An offset that is a multiple of the limit, as a client paging through asks, is one
 * page (or one per 500 rows).
 */
record RowWindow(long offset, int limit) {

    static final int MAX_PAGE = 500;

    /** One read: rows {@code page × size} to {@code page × size + size - 1}. */
    record Page(int page, int size) {}

    RowWindow {
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit are natural numbers");
    }

    List<Page> pages() {
        var pages = new ArrayList<Page>();
        long at = offset;
        long end = offset + limit;
        while (at < end) {
            int size = largestDivisor(at, (int) Math.min(MAX_PAGE, end - at));
            pages.add(new Page(Math.toIntExact(at / size), size));
            at += size;
        }
        return pages;
    }

    /** The largest size up to {@code max} at which a page starts at {@code at} (every size does at 0). */
    private static int largestDivisor(long at, int max) {
        for (int d = max; d > 1; d--) if (at % d == 0) return d;
        return 1;
    }
}
