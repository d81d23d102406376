package drachtio.transport.internal.transaction;

import drachtio.api.message.SipMessage;

/**
 * Ties a 2xx to an INVITE and its ACK together (RFC 3261 13.2.2.4, 13.3.1.4): the ACK of a 2xx
 * has its own branch, so it is matched by dialog (Call-ID, From tag, To tag) and CSeq number.
 *
 * @param callId the Call-ID
 * @param cseq the CSeq number
 * @param fromTag the From tag
 * @param toTag the To tag
 */
record DialogAckKey(String callId, long cseq, String fromTag, String toTag) {

    /** @return the key of a 2xx to an INVITE or of an ACK */
    static DialogAckKey of(SipMessage m) {
        return new DialogAckKey(m.callId(), m.cseq().sequence(), Messages.fromTag(m), Messages.toTag(m));
    }
}
