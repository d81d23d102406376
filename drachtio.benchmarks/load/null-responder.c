/*
 * A UDP responder that does almost nothing (benchmark calibration, not part of the library):
 * answers every request but ACK with 200 OK carrying the request's Via, From, To (a tag added
 * unless it has one), Call-ID and CSeq, and a Contact of its own, so that sipp's OPTIONS and
 * INVITE-200-ACK-BYE-200 scenarios both run against it. It shows what sipp itself can drive on
 * a machine when the far end costs next to no CPU; see sipp-ceiling.sh.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

static int starts(const char *line, const char *name) {
    return strncasecmp(line, name, strlen(name)) == 0;
}

/* whether the header line of len octets already carries a tag parameter */
static int tagged(const char *line, size_t len) {
    for (size_t i = 0; i + 5 <= len; i++) {
        if (strncasecmp(line + i, ";tag=", 5) == 0) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: null-responder PORT\n");
        return 2;
    }
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    int size = 4 << 20;
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    struct sockaddr_in at = {0};
    at.sin_family = AF_INET;
    int port = atoi(argv[1]);
    at.sin_port = htons((unsigned short) port);
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *) &at, sizeof at) != 0) {
        perror("bind");
        return 1;
    }
    static char in[65536], out[8192];
    for (;;) {
        struct sockaddr_in from;
        socklen_t fromLen = sizeof from;
        int n = (int) recvfrom(s, in, sizeof in - 1, 0, (struct sockaddr *) &from, &fromLen);
        if (n <= 0 || strncmp(in, "SIP/2.0 ", 8) == 0 || strncmp(in, "ACK ", 4) == 0) {
            continue; /* nothing, a response, or an ACK (never answered) */
        }
        in[n] = 0;
        char *line = strstr(in, "\r\n");
        if (line == NULL) {
            continue;
        }
        line += 2;
        size_t o = (size_t) snprintf(out, sizeof out, "SIP/2.0 200 OK\r\n");
        while (line[0] != '\r' && line[0] != 0) {
            char *end = strstr(line, "\r\n");
            if (end == NULL) {
                break;
            }
            size_t len = (size_t) (end - line);
            int copy = starts(line, "Via:") || starts(line, "From:") || starts(line, "Call-ID:") || starts(line, "CSeq:");
            int to = starts(line, "To:");
            if ((copy || to) && o + len + 128 < sizeof out) { /* room left for the tag, Contact and Content-Length */
                memcpy(out + o, line, len);
                o += len;
                o += (size_t) snprintf(out + o, sizeof out - o, to && !tagged(line, len) ? ";tag=n1\r\n" : "\r\n");
            }
            line = end + 2;
        }
        /* a Contact, which sipp needs to route the ACK and BYE of a call */
        o += (size_t) snprintf(out + o, sizeof out - o, "Contact: <sip:null@127.0.0.1:%d>\r\nContent-Length: 0\r\n\r\n", port);
        sendto(s, out, o, 0, (struct sockaddr *) &from, fromLen);
    }
}
