package org.citydata.exchange;

/**
 * What an exchange request says about itself: {@code X-Citydata-Purpose} (required: the case number or reason),
 * {@code X-Citydata-User} (the end user the application acts for), {@code X-Citydata-Grant} (which grant, when the
 * department holds several for the resource) and the request id.
 */
public record CallHeaders(String purpose, String endUser, String grant, String requestId) {

    public static final String PURPOSE = "X-Citydata-Purpose";
    public static final String USER = "X-Citydata-User";
    public static final String GRANT = "X-Citydata-Grant";
}
