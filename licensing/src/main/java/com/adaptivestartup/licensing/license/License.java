package com.adaptivestartup.licensing.license;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * What a license grants. The fields marked optional are {@code null} when absent; read them
 * through the helpers that say what absence means.
 *
 * @param licenseId      the vendor's id of this license
 * @param customerId     the vendor's id of the customer
 * @param customerName   shown to people
 * @param edition        trial, standard or enterprise
 * @param seats          how many user accounts the stack may hold
 * @param features       entitlements, e.g. {@code airgap}, {@code ai}, {@code heartbeat}
 * @param issuedAt       when the vendor signed it
 * @param notBefore      first instant it may be used
 * @param expiresAt      when it expires; grace follows
 * @param graceDays      days after expiry during which the stack keeps working
 * @param updateChannel  the release channel it follows, e.g. {@code stable}
 * @param maxVersion     optional: the newest version it may install
 * @param updatesUntil   optional: releases published after this date are not covered
 * @param registry       pull access to the vendor's registry
 * @param machineBinding optional: the machine fingerprint it is bound to
 */
public record License(
        String licenseId,
        String customerId,
        String customerName,
        Edition edition,
        int seats,
        Set<String> features,
        Instant issuedAt,
        Instant notBefore,
        Instant expiresAt,
        int graceDays,
        String updateChannel,
        String maxVersion,
        LocalDate updatesUntil,
        RegistryAccess registry,
        String machineBinding) {

    public static final String FEATURE_AIRGAP = "airgap";

    public License {
        features = Set.copyOf(features);
    }

    public Instant graceEndsAt() {
        return expiresAt.plus(java.time.Duration.ofDays(graceDays));
    }

    public boolean hasFeature(String feature) {
        return features.contains(feature);
    }

    public boolean isMachineBound() {
        return machineBinding != null;
    }
}
