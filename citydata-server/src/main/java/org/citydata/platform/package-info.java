/**
 * What every module stands on: the database (embedded or external PostgreSQL), request ids, problem+json errors,
 * languages and the console layout. Open to all modules; it depends on none.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.citydata.platform;
