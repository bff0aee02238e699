/**
 * The REST API under /api/v1 ({@link io.pharos.node.api.ApiServer} is the entry).
 *
 * <p>A request flows: {@code ApiHandler} finds the route ({@code Router}: 404 naming the prefixes, 405 with
 * Allow), checks the token, and runs one resource class per kind ({@code SubnetsApi}, {@code MachinesApi},
 * ...). Reads answer from the local {@code State}. A write is read field by field ({@code RecordReader}: every
 * malformed field in one 400), validated ({@code *Validator}: every problem in one 422, clashes with existing
 * things as 409), and only then proposed through the {@code CommandLog} ({@code CommandWriter}), which waits,
 * bounded, for the commit: a 2xx means committed (ARCHITECTURE invariant 2). The state machine re-checks
 * cheaply and its refusals map NOT_FOUND→404, CONFLICT→409, INVALID→422.
 *
 * <p>The OpenAPI document (resources/api/openapi.json) is hand-written; a test compares it with the router
 * and with the cluster routes' own tables ({@code ClusterApi}, {@code BlobEndpoint}) in both directions so
 * that neither can drift.
 */
package io.pharos.node.api;
