/**
 * The dialog layer's entry point for the App: {@link drachtio.dialog.DialogLayer}.
 */
package drachtio.dialog;
