package org.minhu.petition.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of petition-service, all under {@code minhu.petition}. */
@ConfigMapping(prefix = "minhu.petition")
public interface PetitionConfig {

    /** Prefix of human tracking numbers: CQ-20261124-000123. */
    @WithDefault("CQ")
    String trackingPrefix();

    Idempotency idempotency();

    Tracking tracking();

    Additions additions();

    Attachments attachments();

    Similar similar();

    /**
     * Similar open requests shown before filing (重复诉求提示), under {@code minhu.petition.similar}. How near and how
     * recent is the category's ({@code category.similar_radius_m}, {@code similar_days}, migration V16).
     */
    interface Similar {
        /** Requests answered at most. */
        @WithDefault("5")
        int maxResults();

        /** Candidate rows (same category, place and time) read and compared in Java at most, newest first. */
        @WithDefault("200")
        int candidates();

        /**
         * The least text similarity (Dice coefficient of character bigrams, 0 to 1) for a request to be shown.
         * 0.2 keeps "南坪夜里停车太难了" for "南坪片区夜间停车难" (0.24) and drops a rubbish complaint of the same street (0.14).
         */
        @WithDefault("0.2")
        double minSimilarity();
    }

    /** Photos and PDFs attached to a request (附件), under {@code minhu.petition.attachments}. */
    interface Attachments {
        /** The petitioner's files on the request itself. */
        @WithDefault("5")
        int maxFiles();

        /** The petitioner's files on each addition (补充诉求); with at most 20 additions, a request holds at most 60 of them. */
        @WithDefault("3")
        int maxAdditionFiles();

        /** Evidence files (办结材料) the units leading the case upload to a request, all units and rounds together. */
        @WithDefault("5")
        int maxEvidenceFiles();

        /** The largest file accepted, in bytes (10 MB). The HTTP body limit of the upload path allows for it. */
        @WithDefault("10485760")
        long maxBytes();

        /** Whether auditors may download the files themselves (they always see the list: names, types, sizes). */
        @WithDefault("false")
        boolean auditorsReadContent();

        /** Images whose longer side is larger are scaled down to this when re-encoded (bounds the memory a photo takes). */
        @WithDefault("3072")
        int maxImageSide();

        /** The thumbnail's longer side. */
        @WithDefault("320")
        int thumbnailSide();
    }

    /** The petitioner's additions to a request (补充诉求), under {@code minhu.petition.additions}. */
    interface Additions {
        /** Additions per request: beyond this a request is better filed anew or followed up by phone. */
        @WithDefault("20")
        int max();
    }

    /** The lookup without signing in ({@code GET /api/v1/track/{trackingNumber}}), under {@code minhu.petition.tracking}. */
    interface Tracking {
        /** Lookups with wrong phone digits (or of a number that does not exist) per tracking number and window. */
        @WithDefault("5")
        int failuresPerNumber();

        /** Lookups per client address and window, right or wrong (many citizens share an address behind carrier NAT). */
        @WithDefault("120")
        int lookupsPerAddress();

        /** The window both limits count in. */
        @WithDefault("PT15M")
        Duration window();
    }

    Reconcile reconcile();

    interface Reconcile {
        /** How long a petition may wait for its case after its event left the outbox before the event is published again. */
        @WithDefault("PT10M")
        Duration after();

        /** How often the reconciliation looks ("off" disables the schedule). */
        @WithDefault("1m")
        String interval();

        /** Petitions handled per pass. */
        @WithDefault("500")
        int batch();
    }

    interface Idempotency {
        /** How long a key and its response are kept (the draft asks for at least 24 hours). */
        @WithDefault("PT48H")
        Duration retention();

        /** How long a request may hold its key in flight before a retry may take it over (crash recovery). */
        @WithDefault("PT30S")
        Duration lease();
    }
}
