/*
 * A UDP load generator for rates sipp cannot offer on a small machine (benchmark tool, not part
 * of the library). It sends OPTIONS, or INVITE-200-ACK-BYE calls, at a fixed rate from one
 * thread with sendmmsg/recvmmsg, keeps one small record per request or call, and never
 * retransmits: a request the far end never answers is counted as unanswered, so what it
 * measures is what the server does with what reached it (answered, refused with 503, or
 * dropped). It ACKs every final response to an INVITE as a UAC must (a non-2xx on the INVITE's
 * branch, a 2xx on a new one, again for each retransmitted final) and sends the BYE right after
 * the ACK of a 2xx, to the address it sent the INVITE to.
 *
 *   blast HOST PORT options|call RATE SECONDS [DRAIN_SECONDS]
 *
 * prints one line per second of the run (requests sent, finals by class, calls completed) and
 * then one summary line of key=value pairs that load.sh reads.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { UNSENT, SENT, ANSWERED, COMPLETED, REFUSED, FAILED };

typedef struct {
    uint32_t sent_us;   /* when the OPTIONS or INVITE went out, from the start */
    uint8_t state;
} slot;

#define BATCH 64
#define MAX_SECONDS 600
#define MSG 1500

static int sock;
static struct sockaddr_in peer;
static char local_host[64];
static int local_port;
static const char *kind;
/* the Request-URI of every OPTIONS and INVITE (and of an ACK to a non-2xx), made once */
static char target[96];
static int target_len;
static int calls;
static struct timespec start;

/* the outgoing batch */
static char out_buf[BATCH][MSG];
static struct mmsghdr out_msg[BATCH];
static struct iovec out_iov[BATCH];
static int out_n;
static long send_errors;

static uint64_t now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) (t.tv_sec - start.tv_sec) * 1000000u + (uint64_t) ((t.tv_nsec - start.tv_nsec) / 1000);
}

static void flush(void) {
    int done = 0;
    while (done < out_n) {
        int n = sendmmsg(sock, out_msg + done, (unsigned) (out_n - done), 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == ENOBUFS) {
                struct pollfd p = {sock, POLLOUT, 0};
                poll(&p, 1, 1);
                continue;
            }
            send_errors += out_n - done;
            break;
        }
        done += n;
    }
    out_n = 0;
}

/* the next free entry of the outgoing batch, flushing it when full */
static char *next_out(void) {
    if (out_n == BATCH) {
        flush();
    }
    return out_buf[out_n];
}

static long too_long;

static void queue(int len) {
    if (len < 0 || len >= MSG) { /* would not fit the datagram buffer: counted, not sent */
        too_long++;
        return;
    }
    out_iov[out_n].iov_base = out_buf[out_n];
    out_iov[out_n].iov_len = (size_t) len;
    memset(&out_msg[out_n].msg_hdr, 0, sizeof out_msg[out_n].msg_hdr);
    out_msg[out_n].msg_hdr.msg_name = &peer;
    out_msg[out_n].msg_hdr.msg_namelen = sizeof peer;
    out_msg[out_n].msg_hdr.msg_iov = &out_iov[out_n];
    out_msg[out_n].msg_hdr.msg_iovlen = 1;
    out_n++;
}

static const char *SDP = "v=0\r\no=blast 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                         "m=audio 6000 RTP/AVP 0\r\n";

static void send_first(long i) {
    char *b = next_out();
    int n;
    if (calls) {
        n = snprintf(b, MSG,
                     "INVITE %s SIP/2.0\r\n"
                     "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-i%ld;rport\r\n"
                     "From: blast <sip:blast@%s:%d>;tag=f%ld\r\n"
                     "To: <%s>\r\n"
                     "Call-ID: %ld-%d@blast\r\n"
                     "CSeq: 1 INVITE\r\n"
                     "Contact: <sip:blast@%s:%d>\r\n"
                     "Max-Forwards: 70\r\n"
                     "Content-Type: application/sdp\r\n"
                     "Content-Length: %zu\r\n\r\n%s",
                     target, local_host, local_port, i, local_host, local_port, i, target, i, (int) getpid(),
                     local_host, local_port, strlen(SDP), SDP);
    } else {
        n = snprintf(b, MSG,
                     "OPTIONS %s SIP/2.0\r\n"
                     "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-o%ld;rport\r\n"
                     "From: blast <sip:blast@%s:%d>;tag=f%ld\r\n"
                     "To: <%s>\r\n"
                     "Call-ID: %ld-%d@blast\r\n"
                     "CSeq: 1 OPTIONS\r\n"
                     "Max-Forwards: 70\r\n"
                     "Content-Length: 0\r\n\r\n",
                     target, local_host, local_port, i, local_host, local_port, i, target, i, (int) getpid());
    }
    queue(n);
}

/* an ACK (branch prefix 'i': the INVITE's own, for a non-2xx; 'a': a new one, for a 2xx) or a
 * BYE, to target (the INVITE's Request-URI for a non-2xx, the 2xx's Contact otherwise); it goes to
 * the address the INVITE went to, and a Record-Route is not honoured (the far end is the UAS) */
static void send_in_dialog(long i, const char *method, char branch, int cseq, const char *target, int target_len,
                           const char *to, int to_len) {
    char *b = next_out();
    int n = snprintf(b, MSG,
                     "%s %.*s SIP/2.0\r\n"
                     "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-%c%ld;rport\r\n"
                     "From: blast <sip:blast@%s:%d>;tag=f%ld\r\n"
                     "%.*s\r\n"
                     "Call-ID: %ld-%d@blast\r\n"
                     "CSeq: %d %s\r\n"
                     "Max-Forwards: 70\r\n"
                     "Content-Length: 0\r\n\r\n",
                     method, target_len, target, local_host, local_port, branch, i, local_host, local_port, i, to_len, to, i,
                     (int) getpid(), cseq, method);
    queue(n);
}

/* whether line (up to eol) starts with name, then optional white space and a colon */
static int named(const char *line, const char *eol, const char *name) {
    size_t k = strlen(name);
    if (eol - line <= (long) k || strncasecmp(line, name, k) != 0) {
        return 0;
    }
    while (line + k < eol && (line[k] == ' ' || line[k] == '\t')) {
        k++;
    }
    return line + k < eol && line[k] == ':';
}

/* the header line starting with name (full or compact form), or NULL; *len its length */
static const char *header(const char *msg, int n, const char *name, const char *compact, int *len) {
    const char *end = msg + n;
    const char *line = memchr(msg, '\n', (size_t) n);
    while (line != NULL && ++line < end && *line != '\r') {
        const char *eol = memchr(line, '\r', (size_t) (end - line));
        if (eol == NULL) {
            return NULL;
        }
        if (named(line, eol, name) || (compact != NULL && named(line, eol, compact))) {
            *len = (int) (eol - line);
            return line;
        }
        line = memchr(eol, '\n', (size_t) (end - eol));
    }
    return NULL;
}

static slot *slots;
static long total;
static long per_sec[MAX_SECONDS + 64][5]; /* sent, 2xx final, 503, other final, completed */
static long unmatched, retransmitted;
static uint64_t latency_sum;
static long latency_n;
static uint32_t latency_max;
#define HISTOGRAM 100001
static long histogram[HISTOGRAM]; /* first final's latency in tenths of a millisecond, the last bin for 10 s or more */

static long second_of(uint64_t t) {
    long sec = (long) (t / 1000000u);
    return sec > MAX_SECONDS + 63 ? MAX_SECONDS + 63 : sec;
}

static void on_response(const char *msg, int n, uint64_t t) {
    if (n < 12 || strncmp(msg, "SIP/2.0 ", 8) != 0) {
        unmatched++;
        return;
    }
    int status = atoi(msg + 8);
    int len;
    const char *cid = header(msg, n, "Call-ID", "i", &len);
    const char *cseq = header(msg, n, "CSeq", NULL, &len);
    if (cid == NULL || cseq == NULL) {
        unmatched++;
        return;
    }
    /* header() found the colon within the name and its white space */
    const char *v = memchr(cid, ':', 16) + 1;
    while (*v == ' ' || *v == '\t') {
        v++;
    }
    if (*v < '0' || *v > '9') {
        unmatched++;
        return;
    }
    long i = strtol(v, NULL, 10);
    if (i < 0 || i >= total) {
        unmatched++;
        return;
    }
    int bye = memmem(cseq, (size_t) len, "BYE", 3) != NULL;
    long sec = second_of(t);
    slot *s = &slots[i];
    if (status < 200) {
        return;
    }
    if (bye) {
        if (s->state == ANSWERED && status < 300) {
            s->state = COMPLETED;
            per_sec[sec][4]++;
        }
        return;
    }
    int first = s->state == SENT;
    if (!first) {
        retransmitted++;
    } else {
        uint32_t lat = (uint32_t) (t - s->sent_us);
        latency_sum += lat;
        latency_n++;
        if (lat > latency_max) {
            latency_max = lat;
        }
        histogram[lat / 100 >= HISTOGRAM ? HISTOGRAM - 1 : lat / 100]++;
        if (status < 300) {
            per_sec[sec][1]++;
            s->state = calls ? ANSWERED : COMPLETED;
            if (!calls) {
                per_sec[sec][4]++;
            }
        } else {
            per_sec[sec][status == 503 ? 2 : 3]++;
            s->state = status == 503 ? REFUSED : FAILED;
        }
    }
    if (calls) {
        int to_len;
        const char *to = header(msg, n, "To", "t", &to_len);
        if (to == NULL) {
            return;
        }
        if (status < 300) {
            /* the remote target: the URI inside the Contact's angle brackets */
            int contact_len;
            const char *contact = header(msg, n, "Contact", "m", &contact_len);
            const char *open = contact == NULL ? NULL : memchr(contact, '<', (size_t) contact_len);
            const char *close = open == NULL ? NULL : memchr(open, '>', (size_t) (contact + contact_len - open));
            const char *uri = close == NULL ? target : open + 1;
            int uri_len = close == NULL ? target_len : (int) (close - open - 1);
            send_in_dialog(i, "ACK", 'a', 1, uri, uri_len, to, to_len);
            if (first) {
                send_in_dialog(i, "BYE", 'e', 2, uri, uri_len, to, to_len);
            }
        } else {
            send_in_dialog(i, "ACK", 'i', 1, target, target_len, to, to_len);
        }
    }
}

static void receive(void) {
    static char in_buf[BATCH][MSG + 1];
    static struct mmsghdr in_msg[BATCH];
    static struct iovec in_iov[BATCH];
    for (;;) {
        for (int k = 0; k < BATCH; k++) {
            in_iov[k].iov_base = in_buf[k];
            in_iov[k].iov_len = MSG;
            memset(&in_msg[k].msg_hdr, 0, sizeof in_msg[k].msg_hdr);
            in_msg[k].msg_hdr.msg_iov = &in_iov[k];
            in_msg[k].msg_hdr.msg_iovlen = 1;
        }
        int n = recvmmsg(sock, in_msg, BATCH, MSG_DONTWAIT, NULL);
        if (n <= 0) {
            return;
        }
        uint64_t t = now_us();
        for (int k = 0; k < n; k++) {
            on_response(in_buf[k], (int) in_msg[k].msg_len, t);
        }
        if (n < BATCH) {
            return;
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: blast HOST PORT options|call RATE SECONDS [DRAIN_SECONDS]\n");
        return 2;
    }
    kind = argv[3];
    calls = strcmp(kind, "call") == 0;
    if (!calls && strcmp(kind, "options") != 0) {
        fprintf(stderr, "blast: kind must be options or call\n");
        return 2;
    }
    long rate = atol(argv[4]);
    int seconds = atoi(argv[5]);
    int drain = argc > 6 ? atoi(argv[6]) : 5;
    if (rate <= 0 || seconds <= 0 || seconds > MAX_SECONDS || drain < 0 || drain > 60) {
        fprintf(stderr, "blast: RATE > 0, 0 < SECONDS <= %d, 0 <= DRAIN_SECONDS <= 60\n", MAX_SECONDS);
        return 2;
    }
    total = rate * seconds;
    slots = calloc((size_t) total, sizeof *slots);
    if (slots == NULL) {
        perror("calloc");
        return 1;
    }
    sock = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    int size = 16 << 20;
    if (setsockopt(sock, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
        setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    if (setsockopt(sock, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) != 0) {
        setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    }
    struct sockaddr_in me = {0};
    me.sin_family = AF_INET;
    me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(sock, (struct sockaddr *) &me, sizeof me) != 0) {
        perror("bind");
        return 1;
    }
    socklen_t me_len = sizeof me;
    getsockname(sock, (struct sockaddr *) &me, &me_len);
    snprintf(local_host, sizeof local_host, "%s", inet_ntoa(me.sin_addr));
    local_port = ntohs(me.sin_port);
    peer.sin_family = AF_INET;
    peer.sin_port = htons((unsigned short) atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &peer.sin_addr) != 1) {
        fprintf(stderr, "blast: HOST must be an IPv4 address\n");
        return 2;
    }
    target_len = snprintf(target, sizeof target, "sip:load@%s:%d", inet_ntoa(peer.sin_addr), ntohs(peer.sin_port));
    clock_gettime(CLOCK_MONOTONIC, &start);
    uint64_t end_us = (uint64_t) seconds * 1000000u, drain_us = end_us + (uint64_t) drain * 1000000u;
    long next = 0;
    uint64_t max_lag = 0, last_sent = 0;
    for (;;) {
        uint64_t t = now_us();
        if (t >= drain_us && next == total) {
            break;
        }
        long due = t >= end_us ? total : (long) ((double) rate * (double) t / 1e6);
        if (due > total) {
            due = total;
        }
        while (next < due) {
            /* how late this request goes out against its place in the schedule */
            uint64_t at = now_us(), due_at = (uint64_t) ((double) next * 1e6 / (double) rate);
            if (at > due_at && at - due_at > max_lag) {
                max_lag = at - due_at;
            }
            last_sent = at;
            if (next == total - 1 && at + (uint64_t) drain * 1000000u > drain_us) {
                drain_us = at + (uint64_t) drain * 1000000u; /* the last one late: its answer has the whole drain */
            }
            slots[next].sent_us = (uint32_t) at;
            slots[next].state = SENT;
            per_sec[second_of(at)][0]++;
            send_first(next++);
            if (out_n == BATCH) {
                flush();
                receive();
            }
        }
        flush();
        receive();
        flush();
        /* wait for an answer, or until about 32 more requests are due, at most 1 ms */
        long wait_ns = next < total ? (long) (32e9 / (double) rate) : 1000000;
        if (wait_ns > 1000000) {
            wait_ns = 1000000;
        }
        struct timespec w = {0, wait_ns};
        struct pollfd p = {sock, POLLIN, 0};
        ppoll(&p, 1, &w, NULL);
    }
    long counts[6] = {0};
    for (long i = 0; i < total; i++) {
        counts[slots[i].state]++;
    }
    printf("%6s %10s %10s %10s %10s %10s\n", "second", "sent", "2xx", "503", "other", "completed");
    for (long sec = 0; sec <= second_of(now_us()); sec++) {
        printf("%6ld %10ld %10ld %10ld %10ld %10ld\n", sec, per_sec[sec][0], per_sec[sec][1], per_sec[sec][2], per_sec[sec][3],
               per_sec[sec][4]);
    }
    /* the 99th percentile, as the upper edge of its bin */
    double p99 = 0;
    long seen = 0;
    for (int bin = 0; bin < HISTOGRAM && latency_n > 0; bin++) {
        seen += histogram[bin];
        if (seen * 100 >= latency_n * 99) {
            p99 = (bin + 1) / 10.0;
            break;
        }
    }
    /* completed: OPTIONS answered 2xx, or calls whose BYE was answered 2xx; answered: calls
     * answered 2xx whose BYE was not; unanswered: sent, no final response at all; lag_ms: the
     * latest any request went out against the schedule (a generator short of CPU shows here) */
    printf("summary kind=%s rate=%ld seconds=%d offered=%ld completed=%ld answered=%ld refused=%ld failed=%ld "
           "unanswered=%ld unsent=%ld mean_ms=%.2f p99_ms=%.1f max_ms=%.1f lag_ms=%.1f last_sent_s=%.2f "
           "retransmitted=%ld unmatched=%ld send_errors=%ld too_long=%ld\n",
           kind, rate, seconds, total, counts[COMPLETED], counts[ANSWERED], counts[REFUSED], counts[FAILED],
           counts[SENT], counts[UNSENT], latency_n ? (double) latency_sum / (double) latency_n / 1000 : 0.0, p99,
           latency_max / 1000.0, max_lag / 1000.0, last_sent / 1e6, retransmitted, unmatched, send_errors, too_long);
    return 0;
}
