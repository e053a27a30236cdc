package nl.hitmachine.service.config;

/** A purpose code a querier may state, with its description (shown in audit reports). */
public record PurposeConfig(String code, String description) {}
