/* libzmq side of the comparison runner: the same roles, arguments, READY line and JSON result lines as
 * `zmtp perf` (see benchmarks/perf/README.md), written against libzmq's C API like its local_thr/remote_thr. */
#ifndef ZMQPERF_PERF_H
#define ZMQPERF_PERF_H

#include <stddef.h>

typedef struct {
    const char *role;
    const char *address;   /* endpoint without its @/> prefix; NULL for inproc roles */
    int bind;              /* 1: bind, 0: connect */
    long count;
    size_t size;
    int subscribers;       /* pubsub-send: how many subscriptions to wait for */
} perf_args;

/* Monotonic clock in seconds. */
double perf_now(void);

/* Exits with status 3 and a message naming the failed libzmq call. */
void perf_fail(const char *what);

/* Opens a socket of TYPE on CTX, binds or connects it as ARGS says, prints READY when it binds. */
void *perf_open(void *ctx, int type, const perf_args *args);

/* One JSON line: {"role","count","size","seconds","msgs_per_sec","mb_per_sec"}. */
void perf_print_throughput(const char *role, long count, size_t size, double seconds);

/* One JSON line: {"role","count","size","rtt_us_mean","rtt_us_median","rtt_us_p99"}; sorts RTTS (seconds). */
void perf_print_latency(const char *role, long count, size_t size, double *rtts);

/* Receives COUNT messages (of any number of frames) timing from the first to the last; returns seconds. */
double perf_receive_timed(void *socket, long count);

/* Sends COUNT single-frame messages of SIZE bytes from one buffer. */
void perf_send_many(void *socket, long count, size_t size);

/* Sends COUNT request/reply round trips of SIZE bytes, storing each round trip's seconds in RTTS. */
void perf_round_trips(void *socket, long count, size_t size, double *rtts);

/* Receives and sends back COUNT messages (REP echo). */
void perf_echo(void *socket, long count);

int role_thr_recv(const perf_args *args);
int role_thr_send(const perf_args *args);
int role_lat_server(const perf_args *args);
int role_lat_client(const perf_args *args);
int role_router_recv(const perf_args *args);
int role_dealer_send(const perf_args *args);
int role_pubsub_send(const perf_args *args);
int role_pubsub_recv(const perf_args *args);
int role_inproc_thr(const perf_args *args);
int role_inproc_lat(const perf_args *args);

#endif
