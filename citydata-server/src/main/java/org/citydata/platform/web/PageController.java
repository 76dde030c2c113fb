package org.citydata.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of browser pages (the console's or the portal's), not of an API: the advices that put who is signed in
 * into every page's model apply to these only. Spring runs an advice's model methods before every handler it applies to,
 * and for the APIs that was a twelfth of a public read's request thread, to put nothing in a model no one renders.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {}
