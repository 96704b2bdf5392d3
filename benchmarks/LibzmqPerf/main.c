/* zmqperf ROLE ENDPOINT COUNT SIZE [--subscribers N]  |  zmqperf inproc-thr|inproc-lat COUNT SIZE */
#include "perf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*run)(const perf_args *);
    int binds;      /* the role binds unless its endpoint has a > prefix */
    int endpoint;   /* the role takes an ENDPOINT */
} role_entry;

static const role_entry roles[] = {
    {"thr-recv", role_thr_recv, 1, 1},
    {"thr-send", role_thr_send, 0, 1},
    {"lat-server", role_lat_server, 1, 1},
    {"lat-client", role_lat_client, 0, 1},
    {"pubsub-send", role_pubsub_send, 1, 1},
    {"pubsub-recv", role_pubsub_recv, 0, 1},
    {"router-recv", role_router_recv, 1, 1},
    {"dealer-send", role_dealer_send, 0, 1},
    {"inproc-thr", role_inproc_thr, 0, 0},
    {"inproc-lat", role_inproc_lat, 0, 0},
};

static int usage(const char *problem)
{
    fprintf(stderr, "zmqperf: %s\n", problem);
    fprintf(stderr, "usage: zmqperf thr-recv|thr-send|lat-server|lat-client|pubsub-send|pubsub-recv|router-recv|dealer-send"
                    " ENDPOINT COUNT SIZE [--subscribers N]\n"
                    "       zmqperf inproc-thr|inproc-lat COUNT SIZE\n");
    return 2;
}

static int parse_number(const char *text, long min, long *value)
{
    char *end;
    long parsed = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || parsed < min) {
        return 0;
    }
    *value = parsed;
    return 1;
}

int main(int argc, char **argv)
{
    const char *positionals[8];
    int npos = 0;
    long subscribers = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--subscribers") == 0 && i + 1 < argc) {
            if (!parse_number(argv[++i], 1, &subscribers)) {
                return usage("invalid --subscribers");
            }
        } else if (npos < 8) {
            positionals[npos++] = argv[i];
        } else {
            return usage("too many arguments");
        }
    }
    if (npos == 0) {
        return usage("missing ROLE");
    }

    const role_entry *role = NULL;
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        if (strcmp(roles[i].name, positionals[0]) == 0) {
            role = &roles[i];
        }
    }
    if (role == NULL) {
        return usage("unknown role");
    }
    if (npos != (role->endpoint ? 4 : 3)) {
        return usage("wrong number of arguments");
    }

    perf_args args = {role->name, NULL, role->binds, 0, 0, (int)subscribers};
    int next = 1;
    if (role->endpoint) {
        args.address = positionals[next++];
        if (args.address[0] == '@' || args.address[0] == '>') {
            args.bind = args.address[0] == '@';
            args.address++;
        }
    }
    long size;
    if (!parse_number(positionals[next], 1, &args.count) || !parse_number(positionals[next + 1], 0, &size)) {
        return usage("invalid COUNT or SIZE");
    }
    args.size = (size_t)size;
    return role->run(&args);
}
