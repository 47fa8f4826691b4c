#!/usr/bin/env python3
"""Keyed producer (librdkafka through confluent_kafka) for the node's crash and shutdown specs.

Every value is "<run>:<seq>:" followed by bytes derived from seq, so a value names the send it came
from. Writes one JSON line per event to stdout, flushed as soon as it is known:
  {"p": partition, "o": offset, "k": key hex, "v": value hex, "t": timestamp}
      a delivery report of an acknowledged record (acks=1); every record also carries the header
      "seq" = seq as 8 big-endian bytes, which delivery reports do not repeat
  {"sent": n}                       every 1000 records handed to the client
  {"error": text, "v": value hex}   a delivery report with an error
  {"down": true}                    the client lost every broker connection; every response it received
                                    before has been reported above (reports and errors share one queue)
  {"done": true, "sent": n, "acked": n, "failed": n, "unfinished": n}   after --count records (with --flush)
Runs until --count records are sent (and, with --flush, until every report arrived), or --seconds
pass, or it is killed.
"""
import argparse
import json
import sys
import time

from confluent_kafka import KafkaError, Producer


def value_for(run, seq):
    body = bytes((seq * 131 + i * 7) & 0xFF for i in range(seq % 97))
    return ("%s:%d:" % (run, seq)).encode() + body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--run", required=True)
    parser.add_argument("--count", type=int, default=10**9)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--flush", action="store_true")
    parser.add_argument("--message-timeout-ms", type=int, default=120000)
    args = parser.parse_args()

    lines = []
    counts = {"acked": 0, "failed": 0}

    def on_error(err):
        if err.code() == KafkaError._ALL_BROKERS_DOWN:
            lines.append(json.dumps({"down": True}))

    producer = Producer({
        "bootstrap.servers": args.bootstrap,
        "acks": 1,
        "enable.idempotence": False,
        "compression.type": "none",
        "linger.ms": 1,
        "batch.num.messages": 200,
        "message.timeout.ms": args.message_timeout_ms,
        "reconnect.backoff.ms": 20,
        "reconnect.backoff.max.ms": 200,
        "retry.backoff.ms": 20,
        "topic.metadata.refresh.interval.ms": 1000,
        "error_cb": on_error,
    })

    def report(err, msg):
        if err is not None:
            counts["failed"] += 1
            lines.append(json.dumps({"error": str(err), "v": msg.value().hex()}))
            return
        counts["acked"] += 1
        lines.append(json.dumps({
            "p": msg.partition(), "o": msg.offset(), "k": msg.key().hex(), "v": msg.value().hex(),
            "t": msg.timestamp()[1],
        }))

    def drain():
        if lines:
            sys.stdout.write("\n".join(lines) + "\n")
            sys.stdout.flush()
            lines.clear()

    deadline = time.monotonic() + args.seconds
    seq = 0
    while seq < args.count and time.monotonic() < deadline:
        value = value_for(args.run, seq)
        try:
            producer.produce(args.topic, key=("key-%d" % (seq % 64)).encode(), value=value,
                             headers=[("seq", seq.to_bytes(8, "big"))], on_delivery=report)
        except BufferError:
            producer.poll(0.01)
            drain()
            continue
        seq += 1
        if seq % 1000 == 0:
            lines.append(json.dumps({"sent": seq}))
        producer.poll(0)
        drain()

    unfinished = 0
    if args.flush:
        while time.monotonic() < deadline:
            unfinished = producer.flush(0.1)
            drain()
            if unfinished == 0:
                break
    drain()
    print(json.dumps({"done": True, "sent": seq, "acked": counts["acked"], "failed": counts["failed"],
                      "unfinished": unfinished}), flush=True)


if __name__ == "__main__":
    main()
