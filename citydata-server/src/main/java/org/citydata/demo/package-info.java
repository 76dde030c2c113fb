/** The demo city (苏州市) seeded into an empty platform, so a newcomer has departments, people and a catalog to explore. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo city")
package org.citydata.demo;
