package org.minhu.common.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SingleLine}; the message names the character found. */
public class SingleLineValidator implements ConstraintValidator<SingleLine, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        String reason = value == null ? null : TextRules.forbiddenInSingleLine(value.toString());
        if (reason == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(reason.replace("{", "\\{").replace("$", "\\$")).addConstraintViolation();
        return false;
    }
}
