namespace Zmtp.Cli;

/// <summary>The text printed by <c>zmtp --help</c>.</summary>
internal static class Usage
{
    public const string Text = """
        zmtp - send, receive and measure ZeroMQ (ZMTP 3.x) messages

        Usage:
          zmtp recv TYPE ENDPOINT... [-n COUNT] [--subscribe PREFIX]... [--timeout MS] [--hex] [SOCKET OPTIONS]
          zmtp send TYPE ENDPOINT... [-n COUNT] [--interval MS] [--timeout MS] [SOCKET OPTIONS] FRAME...
          zmtp echo TYPE ENDPOINT... [-n COUNT] [--timeout MS] [--hex] [SOCKET OPTIONS]
          zmtp proxy FRONT_TYPE FRONT_ENDPOINT... BACK_TYPE BACK_ENDPOINT...
          zmtp monitor TYPE ENDPOINT... [-n COUNT] [--timeout MS] [SOCKET OPTIONS]
          zmtp perf thr-recv|thr-send|lat-server|lat-client ENDPOINT COUNT SIZE [--timeout MS]
          zmtp perf pubsub-send|pubsub-recv ENDPOINT COUNT SIZE [--timeout MS] [--subscribers N]
          zmtp perf router-recv|dealer-send ENDPOINT COUNT SIZE [--timeout MS]
          zmtp perf inproc-thr|inproc-lat COUNT SIZE [--timeout MS]
          zmtp demo
          zmtp help | --help

        SOCKET OPTIONS
          --identity ID       the socket's routing id (ROUTING_ID): text, or 0x... for bytes
          --option NAME=VALUE any socket option under its libzmq name, e.g. SNDHWM=10, MAXMSGSIZE=1024,
                              ROUTING_ID=abc, LINGER=0, SUBSCRIBE=topic (SUB); repeatable. Times are ms
                              (-1 infinite), switches 0/1, bytes text or 0x... An unknown NAME or a bad
                              VALUE exits 2. They apply before any bind or connect, --identity first, then
                              each --option in order, over the command's own defaults (so they win).

        TYPE      socket type, any case: PAIR PUB SUB REQ REP DEALER ROUTER PULL PUSH XPUB XSUB
                  recv: PULL SUB XSUB XPUB PAIR DEALER ROUTER; send: PUSH PUB XPUB XSUB REQ PAIR DEALER ROUTER;
                  echo: REP DEALER ROUTER PAIR; proxy and monitor: any.
        ENDPOINT  @tcp://host:port binds, >tcp://host:port or a bare tcp://host:port connects (ipc:// and
                  inproc:// too). Give several as separate arguments or comma-separated, each with its own
                  prefix. Endpoints are the arguments containing "://". A bound endpoint is reported on
                  standard error with its actual port (bind tcp://127.0.0.1:* for any free port).
        FRAME     one frame of the message; 0x... is hex bytes, "" is an empty frame, anything else is
                  sent as UTF-8 text. Put -- before frames that start with '-' or contain "://".

        recv      prints each message on one line, frames separated by TAB. A frame that is not printable
                  UTF-8 (or any frame with --hex) prints as 0x + lowercase hex; an empty frame is an empty
                  field (0x with --hex). Without -n it runs until Ctrl+C. SUB (and XSUB) without --subscribe subscribes to
                  everything (""); --subscribe PREFIX (repeatable, 0x... for hex) narrows that.
                  --timeout MS: exit 1 when no message arrives within MS (each wait).
                  Frames print as they arrive: a ROUTER's first field is the sender's routing id (a
                  generated id prints as hex, 0x00 + 8 digits); a DEALER shows a REQ peer's empty
                  delimiter as an empty first field; an XPUB prints subscriptions as 0x01+prefix
                  (0x00+prefix to unsubscribe). XSUB subscribes by sending 0x01+prefix.
        send      sends the FRAMEs as one message COUNT times (default 1), --interval MS apart. It waits for
                  a connected peer to take each message; with --timeout MS it exits 1 when none does in
                  time. REQ waits for each reply and prints it like recv (--timeout bounds that wait too).
                  PUB/XPUB drop messages until subscribers have connected and subscribed: with --interval
                  they also wait MS before the first message, which gives subscribers that time.
                  ROUTER: the first FRAME is the routing id of the peer (0x... for a generated id); it
                  waits for that peer to connect (ROUTER_MANDATORY=1 by default; with 0 a message for an
                  unknown peer is dropped). XSUB: the frames go as given, so 0x0141 subscribes to "A".
                  PUB, XPUB and XSUB first wait for a peer to connect (--timeout bounds that too).
                  The socket closes with a 1 s linger so queued messages still go out.
        echo      sends every received message back unchanged and prints it like recv: REP replies, ROUTER
                  returns it to its sender (routing id frame kept first), DEALER and PAIR send the frames
                  back as they came. Without -n it runs until Ctrl+C.
        proxy     relays messages between a frontend and a backend socket in both directions where the types
                  allow (zmq_proxy), e.g. zmtp proxy ROUTER @tcp://*:5559 DEALER @tcp://*:5560 for REQ
                  clients and REP workers, or XSUB @tcp://*:5557 XPUB @tcp://*:5558 for publishers and
                  subscribers. Endpoints follow the @/> rule (bare = connect); a SUB side subscribes to
                  everything. Runs until Ctrl+C (exit 0); types that cannot relay either way exit 2.
        monitor   opens the socket and prints its events as they happen, one line each:
                    NAME<TAB>ENDPOINT<TAB>VALUE[<TAB>REASON]
                  NAME is listening, bind-failed, accepted, accept-failed, connect-delayed, connected,
                  connect-retried, handshake-succeeded, handshake-failed, handshake-failed-protocol,
                  disconnected, closed, ...; VALUE is libzmq's event value (errno, retry ms, protocol
                  error, else 0). Monitoring starts before bind/connect, so listening and
                  connect-delayed show. Exits 0 after COUNT events (-n) or on Ctrl+C; --timeout MS: exit 1
                  when no event comes within MS. Messages that arrive are read and dropped so peers are
                  not held back (not for REQ/REP); a SUB subscribes only to --option SUBSCRIBE=PREFIX.
        perf      thr-recv (PULL), lat-server (REP), pubsub-send (XPUB), router-recv bind, the others connect;
                  @ or > before ENDPOINT overrides that. Binding roles print READY when listening.
                  thr-send (PUSH) sends COUNT messages of SIZE bytes; thr-recv prints
                    {"role":"thr-recv","count":N,"size":S,"seconds":F,"msgs_per_sec":F,"mb_per_sec":F}
                  timed from the first message received to the last (MB = 10^6 bytes).
                  lat-client (REQ) makes COUNT round trips to lat-server (REP, echoes COUNT then exits):
                    {"role":"lat-client","count":N,"size":S,"rtt_us_mean":F,"rtt_us_median":F,"rtt_us_p99":F}
                  pubsub-send waits for N subscribers (--subscribers, default 1), sends COUNT messages as
                  fast as it can (a publisher drops what a subscriber cannot take), then empty messages
                  until the subscribers leave (at most 20 s). pubsub-recv (SUB, everything) stops at COUNT
                  messages, the first empty one, or 3 s of silence, and prints the thr-recv line with role
                  "pubsub-recv". dealer-send (DEALER) and router-recv (ROUTER) are thr-send and thr-recv
                  with those types (role "router-recv"). inproc-thr and inproc-lat run a PUSH/PULL or a
                  REQ/REP pair inside one process over inproc:// and print the thr-recv or lat-client line
                  with role "inproc-thr" or "inproc-lat".
                  --timeout MS: give up (exit 1) after MS without progress.
        demo      runs REQ/REP, PUB/SUB and a PUSH/PULL throughput run on loopback and shows what passes.

        Standard output carries only messages and results; diagnostics go to standard error.
        Exit codes: 0 done (also Ctrl+C for recv/echo without -n), 1 timed out, 2 bad arguments,
        3 connection failure (e.g. address already in use), 130 interrupted before finishing.
        """;
}
