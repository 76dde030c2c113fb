package org.citydata.ingest;

/**
 * A department's JSON API, read page by page: where the items sit in each answer (a JSON Pointer such as
 * {@code /data/list}; empty when the answer is the array), how pages are asked for (PAGE: page number and size;
 * OFFSET: offset and limit), and the header that carries the sealed token, if any.
 */
public record HttpSettings(String url, String itemsPath, Paging paging, String pageParam, String sizeParam, Integer pageSize,
                           Integer firstPage, String tokenHeader) {

    public enum Paging { PAGE, OFFSET }

    public HttpSettings {
        itemsPath = itemsPath == null ? "" : itemsPath.strip();
        paging = paging == null ? Paging.PAGE : paging;
        pageParam = blank(pageParam) ? (paging == Paging.PAGE ? "page" : "offset") : pageParam.strip();
        sizeParam = blank(sizeParam) ? (paging == Paging.PAGE ? "size" : "limit") : sizeParam.strip();
        pageSize = pageSize == null ? 500 : pageSize;
        firstPage = firstPage == null ? 1 : firstPage;
        tokenHeader = blank(tokenHeader) ? "Authorization" : tokenHeader.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
