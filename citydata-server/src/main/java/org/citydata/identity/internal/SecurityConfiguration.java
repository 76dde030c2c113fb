package org.citydata.identity.internal;

import org.citydata.identity.SignInGuard;
import org.citydata.kernel.Problem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who gets in at all. Anonymous callers reach only the login page, static assets, health and the access log's public
 * parts (its key, signed heads and proof checking); everything else needs a console session or an API token. What a
 * signed-in actor may do is decided by {@link org.citydata.identity.AccessPolicy}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // the reindex command runs without a web server
class SecurityConfiguration {

    private static final String[] DEVELOPERS = {"/api/open/v1/developers", "/api/open/v1/developers/**"};
    /** The CKAN-compatible action API, as CKAN clients call it (with and without the version). */
    private static final String[] CKAN_API = {"/api/3/**", "/api/action/**"};

    /**
     * No observation of the security chain: Spring Security would otherwise wrap each of its filters, on every request,
     * to time them (http.server.requests still times the whole request).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ProblemWriter problems, AccountDetailsService accounts)
            throws Exception {
        http.securityMatcher("/api/**")
                .addFilterAfter(new FreshActorFilter(accounts), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a
                        // the access log's public key, signed heads and consistency proofs are for anyone to check
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/public-key", "/api/v1/audit/heads",
                                "/api/v1/audit/heads/latest", "/api/v1/audit/consistency").permitAll()
                        // the open API is for everyone; what each reader may read is the open-data module's to decide
                        .requestMatchers(HttpMethod.GET, "/api/open/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/open/v1/requests", "/api/open/v1/reuses").permitAll()
                        // open data, developers: registering and confirming need nothing; key management checks the
                        // developer's e-mail and password sent with each request (opendata.web.DevelopersApi)
                        .requestMatchers(DEVELOPERS).permitAll()
                        // the CKAN-compatible API: anyone; CKAN clients POST their JSON parameters
                        .requestMatchers(CKAN_API).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                // a token is not a cookie: no cross-site forgery to guard against; nor on the open and CKAN APIs, which
                // never read the session (the developer endpoints take credentials a browser never sends by itself)
                .csrf(c -> c.ignoringRequestMatchers(BearerTokenFilter::hasBearer).ignoringRequestMatchers("/api/open/**")
                        .ignoringRequestMatchers(CKAN_API))
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(
                                Problem.of(Problem.Kind.UNAUTHENTICATED, "AUTH_REQUIRED"), req, res))
                        .accessDeniedHandler((req, res, ex) -> problems.write(
                                Problem.forbidden("ACCESS_DENIED"), req, res)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("PLATFORM_ADMIN"))
                .httpBasic(b -> {})
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain console(HttpSecurity http, AccountDetailsService accounts, SignInGuard guard) throws Exception {
        var signIns = new ConsoleSignIns(guard);
        http.addFilterAfter(new FreshActorFilter(accounts), SecurityContextHolderFilter.class)
                .addFilterBefore(signIns.lock(), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error")
                        .permitAll()
                        // anyone may check an access record's proof against the log's signed heads
                        .requestMatchers(HttpMethod.GET, "/audit/verify").permitAll()
                        .requestMatchers(HttpMethod.POST, "/audit/verify/proof").permitAll()
                        // 数据查询留痕: people and companies identify on the page itself, not as console users
                        .requestMatchers("/my/access", "/my/access/*", "/my/login", "/my/logout").permitAll()
                        // 开放数据门户: for everyone, no console login; so is the open API's description and its browser
                        .requestMatchers("/open", "/open/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs/open", "/v3/api-docs/swagger-config", "/swagger-ui.html",
                                "/swagger-ui/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").successHandler(signIns.success()).failureHandler(signIns.failure()).permitAll())
                .logout(l -> l.logoutSuccessUrl("/login?logout").permitAll());
        return http.build();
    }

}
