/* The two-process roles over tcp or ipc. */
#include "perf.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

/* libzmq 4.3 does not honour LINGER over ipc (libzmq issue 4660): the tail of the queue is lost when the
 * socket closes. So a sender over ipc stays open until its standard input reaches end of file (the runner
 * closes it once the receiving side has its result) or 10 s pass, while the I/O thread writes the rest. */
static void hold_open_for_ipc(const perf_args *args)
{
    if (strncmp(args->address, "ipc://", 6) != 0) {
        return;
    }
    double deadline = perf_now() + 10;
    char buffer[256];
    while (perf_now() < deadline) {
        struct pollfd input = {0, POLLIN, 0};
        if (poll(&input, 1, (int)((deadline - perf_now()) * 1000) + 1) <= 0 || read(0, buffer, sizeof buffer) <= 0) {
            return;
        }
    }
}

static int finish(void *ctx, void *socket, const perf_args *args, int sender)
{
    if (sender) {
        hold_open_for_ipc(args);
    }
    zmq_close(socket);
    zmq_ctx_term(ctx); /* waits while the socket lingers, so every queued message is delivered */
    return 0;
}

int role_thr_recv(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *socket = perf_open(ctx, ZMQ_PULL, args);
    double seconds = perf_receive_timed(socket, args->count);
    perf_print_throughput("thr-recv", args->count, args->size, seconds);
    return finish(ctx, socket, args, 0);
}

int role_thr_send(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *socket = perf_open(ctx, ZMQ_PUSH, args);
    perf_send_many(socket, args->count, args->size);
    return finish(ctx, socket, args, 1);
}

int role_router_recv(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *socket = perf_open(ctx, ZMQ_ROUTER, args);
    /* Each message arrives as [routing id][payload]: perf_receive_timed counts whole messages. */
    double seconds = perf_receive_timed(socket, args->count);
    perf_print_throughput("router-recv", args->count, args->size, seconds);
    return finish(ctx, socket, args, 0);
}

int role_dealer_send(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *socket = perf_open(ctx, ZMQ_DEALER, args);
    perf_send_many(socket, args->count, args->size);
    return finish(ctx, socket, args, 1);
}

int role_lat_server(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *socket = perf_open(ctx, ZMQ_REP, args);
    perf_echo(socket, args->count);
    return finish(ctx, socket, args, 1);
}

int role_lat_client(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *socket = perf_open(ctx, ZMQ_REQ, args);
    double *rtts = malloc(sizeof *rtts * (size_t)args->count);
    perf_round_trips(socket, args->count, args->size, rtts);
    perf_print_latency("lat-client", args->count, args->size, rtts);
    free(rtts);
    return finish(ctx, socket, args, 0);
}

/* XPUB: true when MSG is a subscription (KIND 1) or unsubscription (KIND 0) message. */
static int is_subscription(zmq_msg_t *msg, unsigned char kind)
{
    return zmq_msg_size(msg) > 0 && ((unsigned char *)zmq_msg_data(msg))[0] == kind;
}

int role_pubsub_send(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *socket = zmq_socket(ctx, ZMQ_XPUB);
    /* Every subscriber subscribes to "": without VERBOSE an XPUB reports only the first of them. */
    int verbose = 1, linger = 2000;
    zmq_setsockopt(socket, ZMQ_XPUB_VERBOSE, &verbose, sizeof verbose);
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    if (zmq_bind(socket, args->address) != 0) {
        perf_fail("zmq_bind");
    }
    printf("READY\n");
    fflush(stdout);

    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (int seen = 0; seen < args->subscribers;) {
        if (zmq_msg_recv(&msg, socket, 0) < 0) {
            perf_fail("zmq_msg_recv");
        }
        seen += is_subscription(&msg, 1);
    }

    perf_send_many(socket, args->count, args->size);

    /* Empty messages about every millisecond mark the end, until the last subscriber has unsubscribed
     * (an XPUB reports an unsubscription when no subscriber of the prefix is left) or 20 s pass. */
    double deadline = perf_now() + 20;
    int unsubscribed = 0;
    while (!unsubscribed && perf_now() < deadline) {
        zmq_send(socket, "", 0, 0);
        usleep(1000);
        while (zmq_msg_recv(&msg, socket, ZMQ_DONTWAIT) >= 0) {
            unsubscribed |= is_subscription(&msg, 0);
        }
    }
    zmq_msg_close(&msg);
    return finish(ctx, socket, args, 1);
}

int role_pubsub_recv(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *socket = perf_open(ctx, ZMQ_SUB, args);
    zmq_setsockopt(socket, ZMQ_SUBSCRIBE, "", 0);

    zmq_msg_t msg;
    zmq_msg_init(&msg);
    if (zmq_msg_recv(&msg, socket, 0) < 0) {
        perf_fail("zmq_msg_recv");
    }
    double start = perf_now(), end = start;
    long received = 0;
    if (zmq_msg_size(&msg) > 0) {
        received = 1;
        /* A publisher drops what a subscriber cannot take: stop at COUNT, at the empty end marker, or
         * after 3 s of silence. */
        int silence = 3000;
        zmq_setsockopt(socket, ZMQ_RCVTIMEO, &silence, sizeof silence);
        while (received < args->count && zmq_msg_recv(&msg, socket, 0) >= 0 && zmq_msg_size(&msg) > 0) {
            end = perf_now();
            received++;
        }
    }
    zmq_msg_close(&msg);

    /* Tell the publisher at once that this subscriber is done. */
    zmq_setsockopt(socket, ZMQ_UNSUBSCRIBE, "", 0);
    int linger = 500;
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    perf_print_throughput("pubsub-recv", received, args->size, end - start);
    finish(ctx, socket, args, 0);
    return received > 0 ? 0 : 1;
}
