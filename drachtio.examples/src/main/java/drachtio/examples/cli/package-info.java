/**
 * The {@code drachtio} command-line tool: {@link drachtio.examples.cli.Drachtio} dispatches to
 * one {@link drachtio.examples.cli.Command} per subcommand.
 */
package drachtio.examples.cli;
