#!/usr/bin/env python3
"""Commits group offsets through librdkafka (confluent_kafka Consumer, no subscription: simple commits).

Iteration i commits offset i * 10 + p for every partition p of --topic, in one synchronous commit. Writes one JSON line per event to stdout, flushed at once:
  {"attempt": i}                     before the commit of iteration i is sent
  {"committed": i}                   the commit of iteration i was acknowledged without error
  {"error": text, "iteration": i}    the commit of iteration i failed
Iterations count up from --start. Runs until --iterations commits were acknowledged, or --seconds pass, or it is killed.
"""
import argparse
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, TopicPartition


def emit(line):
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--group", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--partitions", type=int, required=True)
    parser.add_argument("--start", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=10**9)
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "enable.auto.commit": False,
        "reconnect.backoff.ms": 20,
        "reconnect.backoff.max.ms": 200,
    })
    deadline = time.monotonic() + args.seconds
    iteration = args.start
    while iteration < args.start + args.iterations and time.monotonic() < deadline:
        offsets = [TopicPartition(args.topic, p, iteration * 10 + p) for p in range(args.partitions)]
        emit({"attempt": iteration})
        try:
            result = consumer.commit(offsets=offsets, asynchronous=False)
            errors = [str(tp.error) for tp in result if tp.error is not None]
            if errors:
                emit({"error": "; ".join(errors), "iteration": iteration})
            else:
                emit({"committed": iteration})
                iteration += 1
        except KafkaException as e:
            emit({"error": str(e), "iteration": iteration})
            time.sleep(0.05)
    consumer.close()


if __name__ == "__main__":
    main()
