package org.citydata.platform.web;

import java.util.List;

/** The one envelope for every list the API returns. */
public record PageResult<T>(List<T> items, long total, int page, int size) {}
