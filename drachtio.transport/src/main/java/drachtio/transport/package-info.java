/** Configuration of the embedded SIP stack: timers, and later listeners and limits. */
package drachtio.transport;
