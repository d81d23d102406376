/**
 * The application-facing API of drachtio for Java: {@link drachtio.api.Drachtio#app()} gives an
 * {@link drachtio.api.App} with express-style middleware and routes over {@link
 * drachtio.api.Request} and {@link drachtio.api.Response}, and a blocking {@link drachtio.api.Uac}
 * for outgoing requests. Implementations are found with {@link java.util.ServiceLoader}.
 */
package drachtio.api;
