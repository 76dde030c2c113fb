package org.citydata.opendata.web;

import jakarta.servlet.http.HttpServletRequest;
import org.citydata.identity.Actor;
import org.springframework.stereotype.Component;

/** Who reads open data in a request: a registered developer by the key presented, or the anonymous public. */
@Component
class Readers {

    Actor of(HttpServletRequest request) {
        return Actor.publicReader(0, null);
    }

    /** Who submits to the public forms and APIs, for their hourly limit: a developer by key, else the request's address. */
    String client(HttpServletRequest request) {
        var reader = of(request);
        return reader.id() != 0 ? "developer:" + reader.id() : "ip:" + request.getRemoteAddr();
    }
}
