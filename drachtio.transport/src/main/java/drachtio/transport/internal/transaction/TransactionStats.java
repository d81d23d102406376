package drachtio.transport.internal.transaction;

/**
 * A snapshot of the transaction layer's counters.
 *
 * @param inviteClients live INVITE client transactions
 * @param nonInviteClients live non-INVITE client transactions
 * @param inviteServers live INVITE server transactions, as objects (those answered 2xx over UDP
 *     wait out timer L as records, counted in {@code TransactionLayer.live()} only)
 * @param nonInviteServers live non-INVITE server transactions, as objects (those answered over
 *     UDP wait out timer J as records, counted in {@code TransactionLayer.live()} only)
 * @param overloadRejected requests answered 503 without state because too many server
 *     transactions were live
 * @param retransmissionsAbsorbed retransmitted requests, responses and ACKs a transaction or
 *     the 2xx cores swallowed
 * @param retransmissionsSent requests and responses this layer sent again on its own timers
 * @param timeouts transactions that ended on a timeout (B, F, H, the cancel wait, 2xx without ACK)
 * @param transportErrors sends that failed
 * @param dropped inbound messages too broken to match (no Via branch, CSeq, Call-ID), and
 *     responses with more than one Via (RFC 3261 8.1.3.3)
 */
public record TransactionStats(int inviteClients, int nonInviteClients, int inviteServers, int nonInviteServers,
                               long overloadRejected, long retransmissionsAbsorbed, long retransmissionsSent,
                               long timeouts, long transportErrors, long dropped) {

    /** @return every live transaction, client and server */
    public int live() {
        return inviteClients + nonInviteClients + inviteServers + nonInviteServers;
    }
}
