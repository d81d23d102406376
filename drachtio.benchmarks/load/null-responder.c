/*
 * A UDP responder that does almost nothing (benchmark calibration, not part of the library):
 * answers every request with 200 OK carrying the request's Via, From, To (a tag added),
 * Call-ID and CSeq. It shows what sipp itself can drive on a machine when the far end costs
 * next to no CPU; see sipp-ceiling.sh.
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
    at.sin_port = htons((unsigned short) atoi(argv[1]));
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
        if (n <= 0 || strncmp(in, "SIP/2.0 ", 8) == 0) {
            continue; /* nothing, or a response */
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
            if ((copy || to) && o + len + 16 < sizeof out) {
                memcpy(out + o, line, len);
                o += len;
                o += (size_t) snprintf(out + o, sizeof out - o, to ? ";tag=n1\r\n" : "\r\n");
            }
            line = end + 2;
        }
        o += (size_t) snprintf(out + o, sizeof out - o, "Content-Length: 0\r\n\r\n");
        sendto(s, out, o, 0, (struct sockaddr *) &from, fromLen);
    }
}
