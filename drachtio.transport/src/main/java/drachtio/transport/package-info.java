/** Configuration of the embedded SIP stack: timers, listen points and network limits. */
package drachtio.transport;
