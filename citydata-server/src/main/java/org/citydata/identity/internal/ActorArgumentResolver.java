package org.citydata.identity.internal;

import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.platform.web.ProblemException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets any controller take an {@link Actor} parameter: the signed-in person or the calling application (or
 * {@code Optional<Actor>} where signing in is not required).
 */
@Configuration(proxyBeanMethods = false)
class ActorArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class || optionalActor(parameter);
    }

    /** {@code Optional<Actor>}: for pages open to anyone that show more to some (empty when not signed in). */
    private static boolean optionalActor(MethodParameter parameter) {
        return parameter.getParameterType() == java.util.Optional.class
                && org.springframework.core.ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve() == Actor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        if (optionalActor(parameter)) return CurrentActor.get();
        return CurrentActor.get().orElseThrow(() -> new ProblemException(Problem.of(Problem.Kind.UNAUTHENTICATED, "AUTH_REQUIRED")));
    }

    @Override
    public void addArgumentResolvers(java.util.List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
