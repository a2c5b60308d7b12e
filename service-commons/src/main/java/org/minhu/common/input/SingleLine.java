package org.minhu.common.input;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * One line of text, as titles and names are: no control characters (line breaks and tabs
 * included) and no line or paragraph separators (see {@link TextRules#forbiddenInSingleLine}).
 * Null is valid (combine with {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = SingleLineValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

    String message() default "must be one line of text without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
