/**
 * The REST API under {@code /api} (SPEC §12): thin JAX-RS resources that call one service method
 * each, the exception mappers that turn every failure into {@code application/problem+json}, and
 * ({@code security}) the bearer-token mechanism the container uses to authenticate requests.
 */
package io.chorus.web.rest;
