package org.citydata.opendata;

/** What a developer gives to register: e-mail and password to sign in with, a name to be known by, optionally an organisation. */
public record DeveloperForm(String email, String password, String displayName, String organisation) {}
