package org.citydata.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/** The headers of a download. */
public final class Attachment {

    private Attachment() {}

    /** A file name in plain ASCII as it is, any other (Chinese names) as RFC 5987 {@code filename*}. */
    public static void headers(HttpServletResponse response, String fileName, String contentType) {
        var disposition = StandardCharsets.US_ASCII.newEncoder().canEncode(fileName)
                ? ContentDisposition.attachment().filename(fileName).build()
                : ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build();
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition.toString());
    }
}
