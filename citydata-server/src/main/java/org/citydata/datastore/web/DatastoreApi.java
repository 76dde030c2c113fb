package org.citydata.datastore.web;

import static org.citydata.platform.web.ProblemException.unwrap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.citydata.catalog.Catalog;
import org.citydata.datastore.DatasetVersion;
import org.citydata.datastore.Datastore;
import org.citydata.datastore.RowPage;
import org.citydata.identity.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "datastore", description = "A resource's data: versions and rows, read through the access path")
class DatastoreApi {

    private final Datastore datastore;
    private final Catalog catalog;
    private final org.citydata.datastore.CollectionRate collectionRate;

    DatastoreApi(Datastore datastore, Catalog catalog, org.citydata.datastore.CollectionRate collectionRate) {
        this.datastore = datastore;
        this.catalog = catalog;
        this.collectionRate = collectionRate;
    }

    @GetMapping("/collection-rate")
    @Operation(summary = "采集率: published resources with a current data version, per department and for the city")
    org.citydata.datastore.CollectionRate.Report collectionRate(Actor actor) {
        return collectionRate.compute();
    }

    @GetMapping("/resources/{code}/data/versions")
    @Operation(summary = "The data's versions, newest first, with row counts and added/changed/removed by key")
    List<DatasetVersion> versions(Actor actor, @PathVariable String code) {
        return datastore.versions(unwrap(catalog.get(actor, code)).id());
    }

    @GetMapping("/resources/{code}/data/rows")
    @Operation(summary = "A page of the current version's rows (provider department, bureau and auditors); every read is recorded")
    RowPage rows(Actor actor, @PathVariable String code, @RequestParam(required = false) List<String> fields,
                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return unwrap(datastore.read(actor, code, fields, page, size, "preview"));
    }
}
