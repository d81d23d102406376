/**
 * Service-provider interfaces of drachtio for Java. Each {@code XxxProvider} here is a
 * {@link java.util.ServiceLoader} provider interface: implement it, then declare it with
 * {@code provides} in {@code module-info.java} or in {@code META-INF/services} on the class path.
 */
package drachtio.api.spi;
