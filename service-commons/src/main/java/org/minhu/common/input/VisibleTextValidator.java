package org.minhu.common.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;

/**
 * The services' {@code @NotBlank}: besides white space, text made only of zero-width characters,
 * bidirectional controls or other invisible characters is blank too ({@link TextRules#isBlank}).
 * {@link TextValidation} puts it in place of Hibernate Validator's own.
 */
public class VisibleTextValidator implements ConstraintValidator<NotBlank, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value != null && !TextRules.isBlank(value.toString());
    }
}
