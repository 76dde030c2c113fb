package org.citydata.exchange;

/**
 * The bureau's decision on an escalated application, on the provider's behalf: approve under {@code approval}'s terms
 * (as the provider would; absent: as asked) or refuse for {@code reason}.
 */
public record Decision(Outcome outcome, String reason, Approval approval) {

    public enum Outcome { APPROVE, REFUSE }
}
