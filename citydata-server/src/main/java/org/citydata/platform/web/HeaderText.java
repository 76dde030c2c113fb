package org.citydata.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The text of a header that may carry Chinese, such as {@code X-Citydata-Purpose}. HTTP headers are bytes the
 * container reads as ISO-8859-1, so: percent-encoded UTF-8 ({@code %E6%A1%88…}, what most clients can send; a
 * {@code +} stays a plus) is decoded, and raw UTF-8 bytes are read again as UTF-8.
 */
public final class HeaderText {

    private HeaderText() {}

    public static String of(HttpServletRequest request, String name) {
        return decode(request.getHeader(name));
    }

    static String decode(String header) {
        if (header == null) return null;
        if (percentEncoded(header)) {
            try {
                return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return header; // not percent-encoding after all: keep it as sent
            }
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c > 0x7F && c <= 0xFF) return new String(header.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        return header;
    }

    /** A {@code %} followed by two hex digits anywhere (read on every exchange call, so no regex). */
    private static boolean percentEncoded(String header) {
        for (int i = header.indexOf('%'); i >= 0 && i + 2 < header.length(); i = header.indexOf('%', i + 1))
            if (hex(header.charAt(i + 1)) && hex(header.charAt(i + 2))) return true;
        return false;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }
}
