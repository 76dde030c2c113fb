package org.citydata.catalog;

/** 主题分类; its two digits follow the resource type digit in the resource code. */
public enum Theme {
    POPULATION("01"), LEGAL_ENTITY("02"), CREDIT("03"), TRANSPORT("04"), HEALTH("05"), ENVIRONMENT("06"),
    EDUCATION("07"), TOURISM("08"), ECONOMY("09"), SOCIAL_SECURITY("10"), GEOSPATIAL("11"), PUBLIC_SAFETY("12");

    public final String code;

    Theme(String code) {
        this.code = code;
    }
}
