package org.minhu.common.input;

import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;

/** Every service's {@code @NotBlank} refuses invisible-only text ({@link VisibleTextValidator}). */
@Singleton
public class TextValidation implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(NotBlank.class)
                .includeExistingValidators(false)
                .validatedBy(VisibleTextValidator.class);
        configuration.addMapping(mapping);
    }
}
