package org.graphfit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a parameter is global: inside one fit (a model collection or a factor graph), every
 * model of this component made with {@code withDefaults()} uses one and the same free parameter for
 * it.
 *
 * <p>The sharing holds until the user overrides the parameter on a model (gives it its own prior,
 * fixes it, or hands it another {@code Parameter}); that model's parameter is then its own.
 * Explicit sharing, by handing one {@code Parameter} object to several models, works with or
 * without this annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Shared {}
