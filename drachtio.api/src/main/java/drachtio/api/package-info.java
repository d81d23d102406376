/**
 * The application-facing API of drachtio for Java. Today: where to listen ({@link
 * drachtio.api.Listen}); the App, routes and middleware come with the middleware module.
 */
package drachtio.api;
