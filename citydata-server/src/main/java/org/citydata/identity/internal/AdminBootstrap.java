package org.citydata.identity.internal;

import java.security.SecureRandom;
import java.util.Set;
import org.citydata.identity.Actor;
import org.citydata.identity.DepartmentForm;
import org.citydata.identity.Departments;
import org.citydata.identity.Role;
import org.citydata.identity.UserForm;
import org.citydata.identity.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.annotation.Order;

/**
 * A platform with no administrator cannot be run: on start, when no enabled {@code PLATFORM_ADMIN} exists, create the
 * first one from {@code citydata.admin.*} (and the city's root department when there is none). Without a configured
 * password a random one is generated and written to the log once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminBootstrap.AdminProperties.class)
class AdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    @ConfigurationProperties("citydata.admin")
    record AdminProperties(String username, String password, String displayName, String departmentCode,
                           String departmentName, String departmentNameEn) {}

    private final AdminProperties props;
    private final Departments departments;
    private final Users users;

    AdminBootstrap(AdminProperties props, Departments departments, Users users) {
        this.props = props;
        this.departments = departments;
        this.users = users;
    }

    /** Runs after the demo city (order 10), so a demo administrator makes this unnecessary. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    public void ensureAdministrator() {
        if (users.anyWithRole(Role.PLATFORM_ADMIN)) return;
        var existing = users.find(props.username());
        if (existing.isPresent()) { // the configured administrator was disabled or demoted: bring it back
            var u = existing.get();
            var roles = java.util.EnumSet.of(Role.PLATFORM_ADMIN);
            roles.addAll(u.roles());
            var restored = users.update(Actor.system(u.departmentId()), u.username(), new UserForm(u.username(), u.displayName(),
                    departments.find(u.departmentId()).orElseThrow().code(), roles, true, props.password()));
            if (!restored.succeeded()) throw new IllegalStateException("cannot restore the administrator '" + u.username()
                    + "': " + restored.problem().code() + " " + restored.problem().violations());
            log.warn("no enabled platform administrator was left: '{}' is enabled again as PLATFORM_ADMIN", u.username());
            return;
        }
        var root = departments.tree().stream().findFirst().map(r -> r.department())
                .orElseGet(() -> departments.create(Actor.system(0), new DepartmentForm(props.departmentCode(), null,
                        props.departmentName(), props.departmentNameEn(), null, null, null)).value());
        boolean generated = props.password() == null || props.password().isBlank();
        String password = generated ? randomPassword() : props.password();
        var created = users.create(Actor.system(root.id()), new UserForm(props.username(), props.displayName(),
                root.code(), Set.of(Role.PLATFORM_ADMIN), true, password));
        if (!created.succeeded()) throw new IllegalStateException("cannot create the first administrator from citydata.admin.*: "
                + created.problem().code() + " " + created.problem().violations());
        if (generated) log.warn("\n\n  First administrator created: user '{}', password '{}'. Change it after signing in.\n",
                props.username(), password);
        else log.info("first administrator '{}' created from configuration", props.username());
    }

    private static String randomPassword() {
        var random = new SecureRandom();
        String letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        var sb = new StringBuilder();
        for (int i = 0; i < 12; i++) sb.append(letters.charAt(random.nextInt(letters.length())));
        return sb.append(random.nextInt(90) + 10).toString();
    }
}
