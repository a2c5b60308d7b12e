package org.minhu.assignment.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Handling limits (docs/domain.md, "A request's life"), all configurable, under {@code minhu.assignment}. */
@ConfigMapping(prefix = "minhu.assignment")
public interface AssignmentConfig {

    Limits limits();

    Urgent urgent();

    /** A reminder (催办) goes to the unit when its answer deadline is this close. */
    @WithDefault("PT24H")
    Duration remindBefore();

    /** How often the supervision job (催办, 督办) looks, for example 1m ("off" disables the schedule; tests run it themselves). */
    @WithDefault("1m")
    String escalationInterval();

    /** How often cases by status and overdue cases by region are counted for the metrics ({@code AssignmentMetrics}), for example 30s. */
    @WithDefault("30s")
    String metricsInterval();

    /** Returns (退单) after which the case goes to the governance centre for a ruling. */
    @WithDefault("3")
    int maxReturns();

    Reconcile reconcile();

    /** The reconciliation of answers without a rating round, under {@code minhu.assignment.reconcile}. */
    interface Reconcile {
        /** How long an answer may wait for feedback-service's rating round before it is published again. */
        @WithDefault("PT10M")
        Duration after();

        /** How often the reconciliation looks ("off" disables the schedule). */
        @WithDefault("1m")
        String interval();

        /** Cases handled per pass. */
        @WithDefault("500")
        int batch();
    }

    interface Limits {
        /** Working days to sign for a case (签收), counted from dispatch. */
        @WithDefault("1")
        int signWorkingDays();

        /** Working days within which a wrong case may be handed back. */
        @WithDefault("2")
        int returnWorkingDays();

        /** Working days to answer (答复), counted from dispatch. */
        @WithDefault("5")
        int answerWorkingDays();

        /** Longest extension (延期) in working days. */
        @WithDefault("10")
        int maxExtensionWorkingDays();
    }

    /** Limits of URGENT categories (water, power, gas, public safety). */
    interface Urgent {
        @WithDefault("PT2H")
        Duration sign();

        @WithDefault("1")
        int answerWorkingDays();
    }
}
