"""REP echo peer for the Zmtp interop tests (runs under Debian's /usr/bin/python3 with python3-zmq).

Binds tcp://127.0.0.1:* , prints the resolved endpoint on one line, then echoes every request back
(all frames) until it receives the single frame b"quit" or nothing arrives for 10 seconds.
"""
import sys

import zmq

context = zmq.Context()
socket = context.socket(zmq.REP)
socket.linger = 0
socket.rcvtimeo = 10_000
socket.bind("tcp://127.0.0.1:*")
print(socket.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)

try:
    while True:
        frames = socket.recv_multipart()
        socket.send_multipart(frames)
        if frames == [b"quit"]:
            break
except zmq.Again:
    print("rep_echo: no request for 10 s, exiting", file=sys.stderr, flush=True)
    sys.exit(2)
finally:
    socket.close()
    context.term()
