/** The answering application that {@code drachtio.benchmarks/load/load.sh} drives with sipp. */
package drachtio.benchmarks.load;
