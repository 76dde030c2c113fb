package org.citydata.opendata;

import java.util.Arrays;
import java.util.Optional;

/** The licences an opening may carry: each by its SPDX id and the URI catalogs (DCAT, CKAN) know it by. */
public enum Licence {
    CC_BY_4_0("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    CC_BY_SA_4_0("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    CC0_1_0("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ODC_BY_1_0("ODC-By-1.0", "https://opendatacommons.org/licenses/by/1-0/");

    public final String id;
    public final String uri;

    Licence(String id, String uri) {
        this.id = id;
        this.uri = uri;
    }

    public static Optional<Licence> of(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }
}
