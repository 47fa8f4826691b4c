"""kafka-python scenarios: `python3 kafka_python_scenarios.py <scenario> '<json>'`.

Each scenario prints what the client observed as JSON lines (see compat.py); the C# tests assert.
"""
import os
import threading
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError, UnknownTopicOrPartitionError
from kafka.structs import OffsetAndMetadata

from compat import emit, headers_hex, hexed, run, wait_until

TIMEOUT_S = 30


def admin(args):
    return KafkaAdminClient(bootstrap_servers=args["bootstrap"], client_id="compat-admin", request_timeout_ms=15000)


def create_topic(args, name, partitions=1, configs=None):
    client = admin(args)
    try:
        client.create_topics([NewTopic(name, partitions, 1, topic_configs=configs or {})], timeout_ms=10000)
    finally:
        client.close()


def consumer(args, **overrides):
    config = dict(bootstrap_servers=args["bootstrap"], group_id=None, enable_auto_commit=False,
                  auto_offset_reset="earliest", request_timeout_ms=20000, fetch_max_wait_ms=100)
    config.update(overrides)
    return KafkaConsumer(**config)


def record_fields(r):
    return dict(partition=r.partition, offset=r.offset, timestamp=r.timestamp, key=hexed(r.key),
                value=hexed(r.value), headers=headers_hex(r.headers))


def read(c, count, what):
    """Polls until `count` records arrived (or the deadline); returns them in arrival order."""
    records = []

    def enough():
        for batch in c.poll(timeout_ms=200).values():
            records.extend(batch)
        return len(records) >= count

    wait_until(enough, TIMEOUT_S, what)
    return records


def read_all(args, topic, count, partition=0):
    c = consumer(args)
    try:
        tp = TopicPartition(topic, partition)
        c.assign([tp])
        c.seek_to_beginning(tp)
        return read(c, count, "%d records of %s" % (count, topic))
    finally:
        c.close()


# ---------------------------------------------------------------- producer

def produce_acks(args):
    topic = args["topic"]
    create_topic(args, topic)
    sent = 0
    for acks in (0, 1, "all"):
        producer = KafkaProducer(bootstrap_servers=args["bootstrap"], acks=acks, linger_ms=5)
        futures = []
        for i in range(4):
            key = ("acks-%s-key-%d" % (acks, i)).encode()
            value = os.urandom(8) + b"\x00\xff" + ("payload %d" % sent).encode()
            headers = [("acks", str(acks).encode()), ("seq", bytes([i, 0, 255]))]
            futures.append((key, value, headers, producer.send(topic, key=key, value=value, headers=headers)))
            sent += 1
        for key, value, headers, future in futures:
            metadata = future.get(timeout=TIMEOUT_S)
            emit("produced", acks=str(acks), key=hexed(key), value=hexed(value), headers=headers_hex(headers),
                 offset=metadata.offset, partition=metadata.partition)
        producer.close()
    for r in read_all(args, topic, sent):
        emit("consumed", **record_fields(r))


def produce_codec(args):
    topic, codec = args["topic"], args["codec"]
    create_topic(args, topic)
    producer = KafkaProducer(bootstrap_servers=args["bootstrap"], acks="all", compression_type=codec,
                             linger_ms=50, batch_size=64 * 1024)
    futures = []
    for i in range(200):
        value = (b"compressible " * (i % 20)) + os.urandom(i % 7) + str(i).encode()
        key = b"k%d" % i
        futures.append((key, value, producer.send(topic, key=key, value=value)))
    producer.flush()
    for key, value, future in futures:
        emit("produced", key=hexed(key), value=hexed(value), offset=future.get(timeout=TIMEOUT_S).offset)
    producer.close()
    for r in read_all(args, topic, len(futures)):
        emit("consumed", **record_fields(r))


def produce(args, topic, values, partition=None, timestamps=None):
    producer = KafkaProducer(bootstrap_servers=args["bootstrap"], acks="all")
    futures = []
    for i, value in enumerate(values):
        ts = timestamps[i] if timestamps else None
        futures.append(producer.send(topic, value=value, partition=partition, timestamp_ms=ts))
    offsets = [f.get(timeout=TIMEOUT_S).offset for f in futures]
    producer.close()
    return offsets


# ---------------------------------------------------------------- consumer

def consume_earliest_latest(args):
    topic = args["topic"]
    create_topic(args, topic)
    produce(args, topic, [b"old-0", b"old-1", b"old-2"])
    tp = TopicPartition(topic, 0)

    earliest = consumer(args, auto_offset_reset="earliest")
    earliest.assign([tp])
    for r in read(earliest, 3, "earliest records"):
        emit("earliest", **record_fields(r))
    earliest.close()

    latest = consumer(args, auto_offset_reset="latest")
    latest.assign([tp])
    emit("latest_position", position=latest.position(tp))
    produce(args, topic, [b"new-3", b"new-4"])
    for r in read(latest, 2, "records after latest"):
        emit("latest", **record_fields(r))
    latest.close()


def consume_seek(args):
    topic = args["topic"]
    create_topic(args, topic)
    produce(args, topic, [b"v%d" % i for i in range(6)])
    tp = TopicPartition(topic, 0)
    c = consumer(args)
    c.assign([tp])
    emit("bounds", beginning=c.beginning_offsets([tp])[tp], end=c.end_offsets([tp])[tp])
    c.seek(tp, 4)
    for r in read(c, 2, "records from offset 4"):
        emit("after_seek", seek=4, **record_fields(r))
    c.seek(tp, 1)
    for r in read(c, 5, "records from offset 1"):
        emit("after_seek", seek=1, **record_fields(r))
    c.seek_to_end(tp)
    emit("end_position", position=c.position(tp))
    c.close()


def offsets_for_times(args):
    topic = args["topic"]
    create_topic(args, topic)
    base = int(time.time() * 1000) - 60000
    stamps = [base, base + 1000, base + 2000]
    produce(args, topic, [b"t0", b"t1", b"t2"], partition=0, timestamps=stamps)
    tp = TopicPartition(topic, 0)
    c = consumer(args)
    c.assign([tp])
    for target in (base - 5000, base + 500, base + 2000, base + 10 ** 9):
        found = c.offsets_for_times({tp: target})[tp]
        emit("lookup", target=target - base, offset=None if found is None else found.offset,
             timestamp=None if found is None else found.timestamp - base)
    found = c.offsets_for_times({tp: base + 500})[tp]
    c.seek(tp, found.offset)
    for r in read(c, 2, "records from the looked-up offset"):
        emit("consumed", relative_timestamp=r.timestamp - base, **record_fields(r))
    c.close()


# ---------------------------------------------------------------- groups

class Member(threading.Thread):
    """One group member polling in its own thread, as an application would."""

    def __init__(self, args, name, topic, group):
        super().__init__(name=name, daemon=True)
        self.stop_requested = threading.Event()
        self.lock = threading.Lock()
        self.assigned = frozenset()
        self.generation = None
        self.consumed = set()
        self.error = None
        self.consumer = KafkaConsumer(
            bootstrap_servers=args["bootstrap"], group_id=group, client_id=name, auto_offset_reset="earliest",
            enable_auto_commit=True, auto_commit_interval_ms=200, session_timeout_ms=10000,
            heartbeat_interval_ms=300, max_poll_interval_ms=30000, fetch_max_wait_ms=100)
        self.consumer.subscribe([topic])

    def run(self):
        try:
            while not self.stop_requested.is_set():
                batches = self.consumer.poll(timeout_ms=100)
                generation = self.consumer._coordinator.generation()
                with self.lock:
                    for batch in batches.values():
                        for r in batch:
                            self.consumed.add((r.partition, r.offset))
                    self.assigned = frozenset(tp.partition for tp in self.consumer.assignment())
                    self.generation = None if generation is None else generation.generation_id
            self.consumer.close()
        except Exception as e:  # reported, then the scenario fails on it
            self.error = repr(e)
            raise

    def snapshot(self):
        with self.lock:
            return self.generation, self.assigned

    def leave(self):
        self.stop_requested.set()
        self.join(TIMEOUT_S)


def balanced(members, partitions):
    """All members share one generation and their assignments partition the topic exactly."""
    for m in members:
        if m.error:
            raise RuntimeError("%s failed: %s" % (m.name, m.error))
    snapshots = [m.snapshot() for m in members]
    generations = {g for g, _ in snapshots}
    if len(generations) != 1 or None in generations:
        return False
    sets = [a for _, a in snapshots]
    return all(sets) and sum(len(a) for a in sets) == partitions and frozenset().union(*sets) == frozenset(range(partitions))


def emit_phase(phase, members):
    for m in members:
        generation, assigned = m.snapshot()
        emit("assignment", phase=phase, member=m.name, generation=generation, partitions=sorted(assigned))


def group_rebalance(args):
    topic, group, partitions = args["topic"], args["group"], 6
    create_topic(args, topic, partitions)
    for p in range(partitions):
        produce(args, topic, [b"p%d-%d" % (p, i) for i in range(5)], partition=p)
    expected = {(p, o) for p in range(partitions) for o in range(5)}

    a = Member(args, "member-a", topic, group)
    a.start()
    wait_until(lambda: balanced([a], partitions), TIMEOUT_S, "member-a alone to own every partition")
    emit_phase("a", [a])

    b = Member(args, "member-b", topic, group)
    b.start()
    wait_until(lambda: balanced([a, b], partitions), TIMEOUT_S, "a rebalance over member-a and member-b")
    emit_phase("ab", [a, b])

    c = Member(args, "member-c", topic, group)
    c.start()
    wait_until(lambda: balanced([a, b, c], partitions), TIMEOUT_S, "a rebalance over three members")
    emit_phase("abc", [a, b, c])

    c.leave()
    wait_until(lambda: balanced([a, b], partitions), TIMEOUT_S, "a rebalance after member-c left")
    emit_phase("ab-after-leave", [a, b])

    def all_consumed():
        seen = set()
        for m in (a, b, c):
            with m.lock:
                seen |= m.consumed
        return expected <= seen

    wait_until(all_consumed, TIMEOUT_S, "every record to be consumed by some member")
    emit("all_consumed", records=len(expected))
    a.leave()
    b.leave()


def commit_resume(args):
    topic, group = args["topic"], args["group"]
    create_topic(args, topic)
    produce(args, topic, [b"r%d" % i for i in range(10)])
    tp = TopicPartition(topic, 0)

    first = KafkaConsumer(bootstrap_servers=args["bootstrap"], group_id=group, enable_auto_commit=False,
                          auto_offset_reset="earliest", max_poll_records=4, fetch_max_wait_ms=100)
    first.subscribe([topic])
    records = read(first, 4, "the first four records")[:4]
    for r in records:
        emit("first", **record_fields(r))
    first.commit({tp: OffsetAndMetadata(records[-1].offset + 1, "after-%d" % records[-1].offset)})
    emit("committed", by="first", offset=first.committed(tp))
    first.close(autocommit=False)

    second = KafkaConsumer(bootstrap_servers=args["bootstrap"], group_id=group, enable_auto_commit=False,
                           auto_offset_reset="earliest", fetch_max_wait_ms=100)
    emit("committed", by="second-before-join", offset=second.committed(tp))
    second.subscribe([topic])
    for r in read(second, 6, "the remaining six records"):
        emit("second", **record_fields(r))
    second.commit()
    emit("committed", by="second", offset=second.committed(tp))
    second.close(autocommit=False)


# ---------------------------------------------------------------- admin

def admin_topics(args):
    topic = args["topic"]
    client = admin(args)
    response = client.create_topics([NewTopic(topic, 3, 1, topic_configs={"retention.ms": "3600000"})], timeout_ms=10000)
    emit("created", errors=[[t, code] for t, code, *_ in response.topic_errors])
    emit("listed", present=topic in client.list_topics())
    described = client.describe_topics([topic])[0]
    emit("described", error_code=described["error_code"], partitions=sorted(p["partition"] for p in described["partitions"]),
         leaders=sorted({p["leader"] for p in described["partitions"]}))
    try:
        client.create_topics([NewTopic(topic, 3, 1)], timeout_ms=10000)
        emit("duplicate", error=None)
    except TopicAlreadyExistsError as e:
        emit("duplicate", error=type(e).__name__, errno=e.errno)
    response = client.delete_topics([topic], timeout_ms=10000)
    emit("deleted", errors=[[t, code] for t, code, *_ in response.topic_error_codes])
    wait_until(lambda: topic not in client.list_topics(), TIMEOUT_S, "the deleted topic to leave the listing")
    emit("listed_after_delete", present=topic in client.list_topics())
    client.close()


def config_entries(response):
    """DescribeConfigs response -> {resource name: {config name: value}} plus error codes."""
    result = {}
    for resource in response.resources:
        error_code, _message, _type, name, entries = resource[:5]
        result[name] = {"error_code": error_code, "configs": {e[0]: e[1] for e in entries}}
    return result


def admin_configs(args):
    topic = args["topic"]
    create_topic(args, topic, configs={"retention.ms": "3600000"})
    client = admin(args)
    before = config_entries(client.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])[0])[topic]
    emit("described", stage="before", error_code=before["error_code"], configs=before["configs"])
    response = client.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic,
                                                    configs={"retention.ms": "7200000", "cleanup.policy": "compact"})])
    emit("altered", errors=[[r[0], r[3]] for r in response.resources])
    after = config_entries(client.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])[0])[topic]
    emit("described", stage="after", error_code=after["error_code"], configs=after["configs"])
    broker = client.describe_configs([ConfigResource(ConfigResourceType.BROKER, "0")])[0]
    for name, entry in config_entries(broker).items():
        emit("broker", name=name, error_code=entry["error_code"], count=len(entry["configs"]),
             configs={k: v for k, v in entry["configs"].items() if k in ("num.partitions", "message.max.bytes", "log.retention.hours")})
    client.close()


def admin_partitions(args):
    topic = args["topic"]
    create_topic(args, topic, 2)
    client = admin(args)
    response = client.create_partitions({topic: NewPartitions(5)}, timeout_ms=10000)
    emit("created_partitions", errors=[[t, code] for t, code, *_ in response.topic_errors])
    described = client.describe_topics([topic])[0]
    emit("described", partitions=sorted(p["partition"] for p in described["partitions"]))
    client.close()
    offsets = produce(args, topic, [b"to-new-partition"], partition=4)
    emit("produced", partition=4, offset=offsets[0])
    for r in read_all(args, topic, 1, partition=4):
        emit("consumed", **record_fields(r))


def create_topics(args):
    """Creates `count` single-partition topics named <prefix>-<i>, fifty per request."""
    client = admin(args)
    names = ["%s-%d" % (args["prefix"], i) for i in range(args["count"])]
    for start in range(0, len(names), 50):
        client.create_topics([NewTopic(n, 1, 1) for n in names[start:start + 50]], timeout_ms=30000)
    emit("created", count=sum(1 for t in client.list_topics() if t in set(names)))
    client.close()


# ---------------------------------------------------------------- errors users hit

def error_fields(e):
    return dict(type=type(e).__name__, errno=getattr(e, "errno", None), retriable=getattr(e, "retriable", None))


def oversize_record(args):
    topic = args["topic"]
    create_topic(args, topic)
    producer = KafkaProducer(bootstrap_servers=args["bootstrap"], acks="all", max_request_size=8 * 1024 * 1024,
                             buffer_memory=32 * 1024 * 1024, retries=0)
    try:
        producer.send(topic, value=os.urandom(2 * 1024 * 1024)).get(timeout=TIMEOUT_S)
        emit("oversize", error=None)
    except KafkaError as e:
        emit("oversize", **error_fields(e))
    emit("small", offset=producer.send(topic, value=b"fits").get(timeout=TIMEOUT_S).offset)
    producer.close()


def invalid_topic(args):
    client = admin(args)
    for name in args["names"]:
        try:
            client.create_topics([NewTopic(name, 1, 1)], timeout_ms=10000)
            emit("create", name=name, error=None)
        except KafkaError as e:
            emit("create", name=name, **error_fields(e))
    client.close()


def shrink_partitions(args):
    topic = args["topic"]
    create_topic(args, topic, 3)
    client = admin(args)
    for count in (1, 3):
        try:
            client.create_partitions({topic: NewPartitions(count)}, timeout_ms=10000)
            emit("create_partitions", count=count, error=None)
        except KafkaError as e:
            emit("create_partitions", count=count, **error_fields(e))
    emit("described", partitions=len(client.describe_topics([topic])[0]["partitions"]))
    client.close()


def offset_out_of_range(args):
    topic = args["topic"]
    create_topic(args, topic)
    produce(args, topic, [b"a", b"b", b"c"])
    tp = TopicPartition(topic, 0)
    strict = consumer(args, auto_offset_reset="none")
    strict.assign([tp])
    strict.seek(tp, 50)
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            if strict.poll(timeout_ms=200):
                emit("none_policy", error=None)
                break
        else:
            emit("none_policy", error="no error before the deadline")
    except KafkaError as e:
        emit("none_policy", **error_fields(e))
    strict.close()

    lenient = consumer(args, auto_offset_reset="earliest")
    lenient.assign([tp])
    lenient.seek(tp, 50)
    for r in read(lenient, 3, "records after the reset to earliest"):
        emit("earliest_policy", **record_fields(r))
    lenient.close()


def recreate_topic(args):
    topic = args["topic"]
    create_topic(args, topic)
    produce(args, topic, [b"old-0", b"old-1", b"old-2"])
    client = admin(args)
    client.delete_topics([topic], timeout_ms=10000)
    wait_until(lambda: topic not in client.list_topics(), TIMEOUT_S, "the deleted topic to leave the listing")

    def create_again():
        try:
            client.create_topics([NewTopic(topic, 1, 1)], timeout_ms=10000)
            return True
        except TopicAlreadyExistsError:
            return False

    wait_until(create_again, TIMEOUT_S, "the topic to be created again", interval_s=0.2)
    client.close()
    emit("produced", offsets=produce(args, topic, [b"new-0"]))
    tp = TopicPartition(topic, 0)
    c = consumer(args)
    c.assign([tp])
    emit("bounds", beginning=c.beginning_offsets([tp])[tp], end=c.end_offsets([tp])[tp])
    c.seek_to_beginning(tp)
    for r in read(c, 1, "the record of the new topic"):
        emit("consumed", **record_fields(r))
    c.close()


def unknown_topic(args):
    topic = args["topic"]
    client = admin(args)
    described = client.describe_topics([topic])[0]
    emit("described", error_code=described["error_code"], partitions=len(described["partitions"]))
    emit("listed", present=topic in client.list_topics())
    client.close()
    producer = KafkaProducer(bootstrap_servers=args["bootstrap"], max_block_ms=2000)
    try:
        producer.send(topic, value=b"x").get(timeout=TIMEOUT_S)
        emit("send", error=None)
    except KafkaError as e:
        emit("send", **error_fields(e))
    producer.close(timeout=5)


if __name__ == "__main__":
    run({f.__name__: f for f in (
        produce_acks, produce_codec, consume_earliest_latest, consume_seek, offsets_for_times, group_rebalance,
        commit_resume, admin_topics, admin_configs, admin_partitions, create_topics, oversize_record, invalid_topic,
        shrink_partitions, offset_out_of_range, recreate_topic, unknown_topic)})
