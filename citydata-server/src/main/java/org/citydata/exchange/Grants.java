package org.citydata.exchange;

import java.util.List;
import org.citydata.identity.Actor;
import org.citydata.kernel.Problem;
import org.citydata.kernel.Result;
import org.springframework.stereotype.Service;

// placeholder until the exchange-applications branch merges
@Service
public class Grants {
    public Result<Grant> usableBy(Actor application, String resourceCode, Long grantId) {
        return Result.failure(Problem.forbidden("EXCHANGE_NO_GRANT", resourceCode));
    }

    public List<Grant> usableBy(Actor application) {
        return List.of();
    }
}
