/**
 * The {@code registration} middleware provider: installs
 * {@link drachtio.middleware.RegistrationParser} by name, with its settings given as text.
 */
package drachtio.middleware.internal.registration;
