/* The inproc roles: both ends in one process and one context, the sender or server on a second thread. */
#include "perf.h"

#include <pthread.h>
#include <stdlib.h>
#include <zmq.h>

typedef struct {
    void *ctx;
    const char *address;
    int type;
    const perf_args *args;
} peer_job;

static void *run_peer(void *state)
{
    peer_job *job = state;
    void *socket = zmq_socket(job->ctx, job->type);
    if (zmq_connect(socket, job->address) != 0) {
        perf_fail("zmq_connect");
    }
    if (job->type == ZMQ_PUSH) {
        perf_send_many(socket, job->args->count, job->args->size);
    } else {
        perf_echo(socket, job->args->count);
    }
    int linger = 30000;
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    zmq_close(socket);
    return NULL;
}

static void *bind_inproc(void *ctx, int type, const char *address)
{
    void *socket = zmq_socket(ctx, type);
    if (zmq_bind(socket, address) != 0) {
        perf_fail("zmq_bind");
    }
    return socket;
}

int role_inproc_thr(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    void *pull = bind_inproc(ctx, ZMQ_PULL, "inproc://thr");
    peer_job job = {ctx, "inproc://thr", ZMQ_PUSH, args};
    pthread_t sender;
    pthread_create(&sender, NULL, run_peer, &job);
    double seconds = perf_receive_timed(pull, args->count);
    pthread_join(sender, NULL);
    perf_print_throughput("inproc-thr", args->count, args->size, seconds);
    zmq_close(pull);
    zmq_ctx_term(ctx);
    return 0;
}

int role_inproc_lat(const perf_args *args)
{
    void *ctx = zmq_ctx_new();
    /* REP binds here and echoes on the peer thread's socket; REQ measures on this thread. */
    void *req = bind_inproc(ctx, ZMQ_REQ, "inproc://lat");
    peer_job job = {ctx, "inproc://lat", ZMQ_REP, args};
    pthread_t server;
    pthread_create(&server, NULL, run_peer, &job);
    double *rtts = malloc(sizeof *rtts * (size_t)args->count);
    perf_round_trips(req, args->count, args->size, rtts);
    pthread_join(server, NULL);
    perf_print_latency("inproc-lat", args->count, args->size, rtts);
    free(rtts);
    zmq_close(req);
    zmq_ctx_term(ctx);
    return 0;
}
