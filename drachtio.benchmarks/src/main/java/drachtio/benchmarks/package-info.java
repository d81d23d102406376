/**
 * JMH benchmarks of the SIP parser with JAIN-SIP measured side by side in the same run. Not
 * shipped; see {@code run.sh} and {@code docs/PERFORMANCE.md}.
 */
package drachtio.benchmarks;
