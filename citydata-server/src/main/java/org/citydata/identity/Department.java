package org.citydata.identity;

/** A node of the organisation tree: the city, a bureau (委办局) or one of its divisions. */
public record Department(
        long id,
        String code,
        Long parentId,
        String nameZh,
        String nameEn,
        String contactName,
        String contactPhone,
        String contactEmail) {

    /** The name in the reader's language. */
    public String name(java.util.Locale locale) {
        return "en".equals(locale.getLanguage()) && nameEn != null && !nameEn.isBlank() ? nameEn : nameZh;
    }
}
