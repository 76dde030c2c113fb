package org.citydata.identity;

/** What a person fills in to create or change a department. {@code parentCode} is null only for the city itself. */
public record DepartmentForm(
        String code,
        String parentCode,
        String nameZh,
        String nameEn,
        String contactName,
        String contactPhone,
        String contactEmail) {}
