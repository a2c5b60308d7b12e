package org.minhu.feedback.rating;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 满意 / 基本满意 / 不满意. */
@Schema(description = "满意 SATISFIED, 基本满意 BASICALLY_SATISFIED, 不满意 UNSATISFIED")
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, UNSATISFIED
}
