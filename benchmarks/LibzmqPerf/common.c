#include "perf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

double perf_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void perf_fail(const char *what)
{
    fprintf(stderr, "zmqperf: %s: %s\n", what, zmq_strerror(zmq_errno()));
    exit(3);
}

void *perf_open(void *ctx, int type, const perf_args *args)
{
    void *socket = zmq_socket(ctx, type);
    if (socket == NULL) {
        perf_fail("zmq_socket");
    }

    /* The senders must deliver everything before closing, like zmtp perf's 30 s linger. */
    int linger = 30000;
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    if (args->bind) {
        if (zmq_bind(socket, args->address) != 0) {
            perf_fail("zmq_bind");
        }
        printf("READY\n");
        fflush(stdout);
    } else if (zmq_connect(socket, args->address) != 0) {
        perf_fail("zmq_connect");
    }
    return socket;
}

void perf_print_throughput(const char *role, long count, size_t size, double seconds)
{
    double rate = seconds > 0 ? (double)count / seconds : 0;
    printf("{\"role\":\"%s\",\"count\":%ld,\"size\":%zu,\"seconds\":%.6f,\"msgs_per_sec\":%.3f,\"mb_per_sec\":%.3f}\n",
           role, count, size, seconds, rate, rate * (double)size / 1e6);
    fflush(stdout);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void perf_print_latency(const char *role, long count, size_t size, double *rtts)
{
    double sum = 0, median = 0, p99 = 0;
    if (count > 0) {
        qsort(rtts, (size_t)count, sizeof *rtts, compare_doubles);
        for (long i = 0; i < count; i++) {
            sum += rtts[i];
        }
        median = count % 2 ? rtts[count / 2] : (rtts[count / 2 - 1] + rtts[count / 2]) / 2;
        /* Nearest rank: the smallest sample with at least 99 % of the samples at or below it. */
        long rank = (long)((99 * count + 99) / 100);
        p99 = rtts[rank - 1];
    }
    printf("{\"role\":\"%s\",\"count\":%ld,\"size\":%zu,\"rtt_us_mean\":%.3f,\"rtt_us_median\":%.3f,\"rtt_us_p99\":%.3f}\n",
           role, count, size, count > 0 ? sum / (double)count * 1e6 : 0, median * 1e6, p99 * 1e6);
    fflush(stdout);
}

double perf_receive_timed(void *socket, long count)
{
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    double start = 0;
    for (long i = 0; i < count; i++) {
        do {
            if (zmq_msg_recv(&msg, socket, 0) < 0) {
                perf_fail("zmq_msg_recv");
            }
        } while (zmq_msg_more(&msg));
        /* Like local_thr: the clock starts when the first message has arrived. */
        if (i == 0) {
            start = perf_now();
        }
    }
    zmq_msg_close(&msg);
    return perf_now() - start;
}

void perf_send_many(void *socket, long count, size_t size)
{
    char *payload = calloc(size ? size : 1, 1);
    for (long i = 0; i < count; i++) {
        if (zmq_send(socket, payload, size, 0) < 0) {
            perf_fail("zmq_send");
        }
    }
    free(payload);
}

void perf_round_trips(void *socket, long count, size_t size, double *rtts)
{
    char *payload = calloc(size ? size : 1, 1);
    zmq_msg_t reply;
    zmq_msg_init(&reply);
    for (long i = 0; i < count; i++) {
        double start = perf_now();
        if (zmq_send(socket, payload, size, 0) < 0) {
            perf_fail("zmq_send");
        }
        if (zmq_msg_recv(&reply, socket, 0) < 0) {
            perf_fail("zmq_msg_recv");
        }
        rtts[i] = perf_now() - start;
    }
    zmq_msg_close(&reply);
    free(payload);
}

void perf_echo(void *socket, long count)
{
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (long i = 0; i < count; i++) {
        if (zmq_msg_recv(&msg, socket, 0) < 0) {
            perf_fail("zmq_msg_recv");
        }
        if (zmq_msg_send(&msg, socket, 0) < 0) {
            perf_fail("zmq_msg_send");
        }
    }
    zmq_msg_close(&msg);
}
