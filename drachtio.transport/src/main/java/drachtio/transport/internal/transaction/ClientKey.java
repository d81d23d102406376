package drachtio.transport.internal.transaction;

/**
 * What identifies a client transaction (RFC 3261 17.1.3): the branch of the top Via and the
 * CSeq method, so that a CANCEL sharing its INVITE's branch is a transaction of its own.
 *
 * @param branch the branch
 * @param method the CSeq method
 */
record ClientKey(String branch, String method) {}
