package org.minhu.feedback.rating;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 已解决 / 部分解决 / 未解决: asked separately from satisfaction. */
@Schema(description = "已解决 SOLVED, 部分解决 PARTLY_SOLVED, 未解决 NOT_SOLVED")
public enum Solved {
    SOLVED, PARTLY_SOLVED, NOT_SOLVED
}
