/** The sipp runner the integration tests of several modules share. */
package drachtio.testkit;
