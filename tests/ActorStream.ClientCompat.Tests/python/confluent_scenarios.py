"""confluent-kafka-python (librdkafka) scenarios: `python3 confluent_scenarios.py <scenario> '<json>'`.

Each scenario prints what the client observed as JSON lines (see compat.py); the C# tests assert.
"""
import os
import threading
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

from compat import emit, headers_hex, hexed, run, wait_until

TIMEOUT_S = 30


def admin(args):
    return AdminClient({"bootstrap.servers": args["bootstrap"]})


def create_topic(args, name, partitions=1, config=None):
    client = admin(args)  # held until the future completes: a dropped client cancels it
    client.create_topics([NewTopic(name, partitions, 1, config=config or {})])[name].result(TIMEOUT_S)


def error_fields(error):
    """A KafkaError (or a KafkaException wrapping one) as JSON fields."""
    if isinstance(error, KafkaException):
        error = error.args[0]
    return dict(code=error.code(), name=error.name(), message=error.str(), retriable=error.retriable())


def message_fields(m):
    return dict(partition=m.partition(), offset=m.offset(), timestamp=m.timestamp()[1], key=hexed(m.key()),
                value=hexed(m.value()), headers=headers_hex(m.headers()))


def produce_all(producer, topic, records):
    """Produces (key, value, headers, partition, timestamp) tuples; returns their delivery reports in order."""
    reports = [None] * len(records)

    def report(i):
        def callback(err, msg):
            reports[i] = (err, msg)
        return callback

    for i, (key, value, headers, partition, timestamp) in enumerate(records):
        kwargs = dict(key=key, value=value, on_delivery=report(i))
        if headers is not None:
            kwargs["headers"] = headers
        if partition is not None:
            kwargs["partition"] = partition
        if timestamp is not None:
            kwargs["timestamp"] = timestamp
        producer.produce(topic, **kwargs)
        producer.poll(0)
    remaining = producer.flush(TIMEOUT_S)
    if remaining:
        raise TimeoutError("%d messages were not delivered within %d s" % (remaining, TIMEOUT_S))
    return reports


def assigned_consumer(args, topic, partition=0, offset=None, **overrides):
    conf = {"bootstrap.servers": args["bootstrap"], "group.id": "compat-unused", "enable.auto.commit": False,
            "auto.offset.reset": "earliest", "fetch.wait.max.ms": 100}
    conf.update(overrides)
    c = Consumer(conf)
    c.assign([TopicPartition(topic, partition, -2 if offset is None else offset)])
    return c


def read(c, count, what):
    records = []

    def enough():
        m = c.poll(0.2)
        if m is not None:
            if m.error():
                raise KafkaException(m.error())
            records.append(m)
        return len(records) >= count

    wait_until(enough, TIMEOUT_S, what, interval_s=0)
    return records


# ---------------------------------------------------------------- producer

def idempotent_produce(args):
    topic = args["topic"]
    create_topic(args, topic)
    producer = Producer({"bootstrap.servers": args["bootstrap"], "enable.idempotence": True, "acks": "all",
                         "linger.ms": 10, "max.in.flight.requests.per.connection": 5})
    records = [(b"key-%d" % i, os.urandom(6) + b"idempotent-%d" % i, [("n", str(i).encode()), ("bin", b"\x00\x01")], None, None)
               for i in range(20)]
    for (key, value, headers, _, _), (err, msg) in zip(records, produce_all(producer, topic, records)):
        emit("delivered", key=hexed(key), value=hexed(value), headers=headers_hex(headers),
             error=None if err is None else error_fields(err), offset=msg.offset(), partition=msg.partition())
    c = assigned_consumer(args, topic)
    for m in read(c, len(records), "the idempotent records"):
        emit("consumed", **message_fields(m))
    c.close()


def produce_codec(args):
    topic, codec = args["topic"], args["codec"]
    create_topic(args, topic)
    producer = Producer({"bootstrap.servers": args["bootstrap"], "compression.type": codec, "linger.ms": 50,
                         "acks": "all"})
    records = [(b"k%d" % i, b"compressible " * (i % 25) + os.urandom(i % 5) + str(i).encode(), None, None, None)
               for i in range(300)]
    for (key, value, _, _, _), (err, msg) in zip(records, produce_all(producer, topic, records)):
        emit("delivered", key=hexed(key), value=hexed(value), error=None if err is None else error_fields(err),
             offset=msg.offset())
    c = assigned_consumer(args, topic)
    for m in read(c, len(records), "the %s records" % codec):
        emit("consumed", **message_fields(m))
    c.close()


# ---------------------------------------------------------------- consumer

def watermarks_and_times(args):
    topic = args["topic"]
    create_topic(args, topic)
    base = int(time.time() * 1000) - 60000
    producer = Producer({"bootstrap.servers": args["bootstrap"], "linger.ms": 20})
    produce_all(producer, topic, [(None, b"t%d" % i, None, 0, base + 1000 * i) for i in range(3)])
    c = assigned_consumer(args, topic)
    low, high = c.get_watermark_offsets(TopicPartition(topic, 0), timeout=TIMEOUT_S, cached=False)
    emit("watermarks", low=low, high=high)
    for target in (base - 5000, base + 500, base + 2000, base + 10 ** 9):
        found = c.offsets_for_times([TopicPartition(topic, 0, target)], timeout=TIMEOUT_S)[0]
        emit("lookup", target=target - base, offset=found.offset, error=None if found.error is None else error_fields(found.error))
    found = c.offsets_for_times([TopicPartition(topic, 0, base + 500)], timeout=TIMEOUT_S)[0]
    c.assign([TopicPartition(topic, 0, found.offset)])
    for m in read(c, 2, "records from the looked-up offset"):
        emit("consumed", relative_timestamp=m.timestamp()[1] - base, **message_fields(m))
    c.close()


class Member(threading.Thread):
    """A subscribed consumer polling in its own thread; its rebalance callbacks are recorded."""

    def __init__(self, args, name, topic, group, log):
        super().__init__(name=name, daemon=True)
        self.stop_requested = threading.Event()
        self.lock = threading.Lock()
        self.log = log
        self.assigned = frozenset()
        self.consumed = set()
        self.error = None
        self.consumer = Consumer({
            "bootstrap.servers": args["bootstrap"], "group.id": group, "client.id": name,
            "auto.offset.reset": "earliest", "enable.auto.commit": True, "auto.commit.interval.ms": 200,
            "session.timeout.ms": 10000, "heartbeat.interval.ms": 300, "fetch.wait.max.ms": 100})
        self.consumer.subscribe([topic], on_assign=self.on_assign, on_revoke=self.on_revoke)

    def on_assign(self, consumer, partitions):
        with self.lock:
            self.assigned = frozenset(p.partition for p in partitions)
        self.log.append((self.name, "assign", sorted(p.partition for p in partitions)))

    def on_revoke(self, consumer, partitions):
        with self.lock:
            self.assigned = frozenset()
        self.log.append((self.name, "revoke", sorted(p.partition for p in partitions)))

    def run(self):
        try:
            while not self.stop_requested.is_set():
                m = self.consumer.poll(0.1)
                if m is not None and not m.error():
                    with self.lock:
                        self.consumed.add((m.partition(), m.offset()))
                elif m is not None and m.error().code() != KafkaError._PARTITION_EOF:
                    raise KafkaException(m.error())
            self.consumer.close()
        except Exception as e:
            self.error = repr(e)
            raise

    def snapshot(self):
        with self.lock:
            return self.assigned

    def leave(self):
        self.stop_requested.set()
        self.join(TIMEOUT_S)


def balanced(members, partitions):
    for m in members:
        if m.error:
            raise RuntimeError("%s failed: %s" % (m.name, m.error))
    sets = [m.snapshot() for m in members]
    return all(sets) and sum(len(s) for s in sets) == partitions and frozenset().union(*sets) == frozenset(range(partitions))


def group_rebalance(args):
    topic, group, partitions = args["topic"], args["group"], 4
    create_topic(args, topic, partitions)
    producer = Producer({"bootstrap.servers": args["bootstrap"]})
    produce_all(producer, topic, [(None, b"p%d-%d" % (p, i), None, p, None) for p in range(partitions) for i in range(5)])
    expected = {(p, o) for p in range(partitions) for o in range(5)}
    log = []

    a = Member(args, "member-a", topic, group, log)
    a.start()
    wait_until(lambda: balanced([a], partitions), TIMEOUT_S, "member-a alone to own every partition")
    emit("phase", phase="a", assignments={"member-a": sorted(a.snapshot())})

    b = Member(args, "member-b", topic, group, log)
    b.start()
    wait_until(lambda: balanced([a, b], partitions), TIMEOUT_S, "a rebalance over member-a and member-b")
    emit("phase", phase="ab", assignments={"member-a": sorted(a.snapshot()), "member-b": sorted(b.snapshot())})

    b.leave()
    wait_until(lambda: balanced([a], partitions), TIMEOUT_S, "member-a to own every partition after member-b left")
    emit("phase", phase="a-after-leave", assignments={"member-a": sorted(a.snapshot())})

    def all_consumed():
        seen = set()
        for m in (a, b):
            with m.lock:
                seen |= m.consumed
        return expected <= seen

    wait_until(all_consumed, TIMEOUT_S, "every record to be consumed by some member")
    emit("all_consumed", records=len(expected))
    a.leave()
    for member, kind, parts in log:
        emit("callback", member=member, kind=kind, partitions=parts)


def commit_resume(args):
    topic, group = args["topic"], args["group"]
    create_topic(args, topic)
    produce_all(Producer({"bootstrap.servers": args["bootstrap"]}), topic, [(None, b"r%d" % i, None, None, None) for i in range(10)])
    conf = {"bootstrap.servers": args["bootstrap"], "group.id": group, "enable.auto.commit": False,
            "auto.offset.reset": "earliest", "fetch.wait.max.ms": 100}

    first = Consumer(conf)
    first.subscribe([topic])
    records = read(first, 4, "the first four records")
    for m in records:
        emit("first", **message_fields(m))
    first.commit(message=records[-1], asynchronous=False)
    emit("committed", by="first", offset=first.committed([TopicPartition(topic, 0)], timeout=TIMEOUT_S)[0].offset)
    first.close()

    second = Consumer(conf)
    emit("committed", by="second-before-join", offset=second.committed([TopicPartition(topic, 0)], timeout=TIMEOUT_S)[0].offset)
    second.subscribe([topic])
    for m in read(second, 6, "the remaining six records"):
        emit("second", **message_fields(m))
    second.commit(asynchronous=False)
    emit("committed", by="second", offset=second.committed([TopicPartition(topic, 0)], timeout=TIMEOUT_S)[0].offset)
    second.close()


# ---------------------------------------------------------------- admin

def future_error(future):
    try:
        future.result(TIMEOUT_S)
        return None
    except KafkaException as e:
        return error_fields(e)


def admin_topics(args):
    topic = args["topic"]
    client = admin(args)
    emit("created", error=future_error(client.create_topics([NewTopic(topic, 3, 1, config={"retention.ms": "3600000"})])[topic]))
    metadata = client.list_topics(timeout=TIMEOUT_S)
    listed = metadata.topics.get(topic)
    emit("listed", present=listed is not None, partitions=sorted(listed.partitions) if listed else [],
         leaders=sorted({p.leader for p in listed.partitions.values()}) if listed else [],
         brokers=sorted(metadata.brokers))
    emit("duplicate", error=future_error(client.create_topics([NewTopic(topic, 3, 1)])[topic]))
    emit("deleted", error=future_error(client.delete_topics([topic], operation_timeout=10)[topic]))
    wait_until(lambda: topic not in client.list_topics(timeout=TIMEOUT_S).topics, TIMEOUT_S, "the deleted topic to leave the listing")
    emit("listed_after_delete", present=False)


def describe_topic_configs(client, topic):
    resource = ConfigResource("topic", topic)
    entries = client.describe_configs([resource])[resource].result(TIMEOUT_S)
    return {name: dict(value=e.value, is_default=e.is_default, read_only=e.is_read_only, source=e.source)
            for name, e in entries.items()}


def admin_configs(args):
    topic = args["topic"]
    create_topic(args, topic, config={"retention.ms": "3600000"})
    client = admin(args)
    emit("described", stage="before", configs=describe_topic_configs(client, topic))
    resource = ConfigResource("topic", topic, set_config={"retention.ms": "7200000", "cleanup.policy": "compact"})
    emit("altered", error=future_error(client.alter_configs([resource])[resource]))
    emit("described", stage="after", configs=describe_topic_configs(client, topic))
    broker = ConfigResource("broker", "0")
    entries = client.describe_configs([broker])[broker].result(TIMEOUT_S)
    emit("broker", count=len(entries),
         configs={n: e.value for n, e in entries.items() if n in ("num.partitions", "message.max.bytes", "log.retention.hours")})


def admin_partitions(args):
    topic = args["topic"]
    create_topic(args, topic, 2)
    client = admin(args)
    emit("created_partitions", error=future_error(client.create_partitions([NewPartitions(topic, 5)])[topic]))
    wait_until(lambda: len(client.list_topics(topic, timeout=TIMEOUT_S).topics[topic].partitions) == 5, TIMEOUT_S,
               "metadata to show five partitions")
    emit("described", partitions=sorted(client.list_topics(topic, timeout=TIMEOUT_S).topics[topic].partitions))
    reports = produce_all(Producer({"bootstrap.servers": args["bootstrap"]}), topic, [(None, b"to-new-partition", None, 4, None)])
    err, msg = reports[0]
    emit("produced", partition=msg.partition(), offset=msg.offset(), error=None if err is None else error_fields(err))
    c = assigned_consumer(args, topic, partition=4)
    for m in read(c, 1, "the record on the new partition"):
        emit("consumed", **message_fields(m))
    c.close()


def list_groups(args):
    topic, group = args["topic"], args["group"]
    create_topic(args, topic, 2)
    log = []
    member = Member(args, "compat-lister", topic, group, log)
    member.start()
    wait_until(lambda: balanced([member], 2), TIMEOUT_S, "the member to be assigned both partitions")
    client = admin(args)
    emit("all_groups", present=group in [g.id for g in client.list_groups(timeout=TIMEOUT_S)])
    for g in client.list_groups(group, timeout=TIMEOUT_S):
        emit("group", id=g.id, error=None if g.error is None or g.error.code() == 0 else error_fields(g.error),
             state=g.state, protocol_type=g.protocol_type, protocol=g.protocol,
             members=[dict(client_id=m.client_id, has_assignment=len(m.assignment) > 0) for m in g.members])
    member.leave()


def describe_consumer_groups(args):
    # newer clients only; the test skips when AdminClient lacks describe_consumer_groups
    topic, group = args["topic"], args["group"]
    create_topic(args, topic, 2)
    member = Member(args, "compat-lister", topic, group, [])
    member.start()
    wait_until(lambda: balanced([member], 2), TIMEOUT_S, "the member to be assigned both partitions")
    client = admin(args)
    g = client.describe_consumer_groups([group])[group].result(TIMEOUT_S)
    emit("described", group_id=g.group_id, state=g.state.name, coordinator=g.coordinator.id,
         members=[dict(client_id=m.client_id, partitions=sorted(tp.partition for tp in m.assignment.topic_partitions))
                  for m in g.members])
    member.leave()


def admin_list_offsets(args):
    from confluent_kafka import OffsetSpec  # newer clients only; the test skips when AdminClient lacks list_offsets

    topic = args["topic"]
    create_topic(args, topic)
    produce_all(Producer({"bootstrap.servers": args["bootstrap"]}), topic, [(None, b"x%d" % i, None, None, None) for i in range(4)])
    client = admin(args)
    tp = TopicPartition(topic, 0)
    for name, spec in (("earliest", OffsetSpec.earliest()), ("latest", OffsetSpec.latest())):
        emit("offset", spec=name, offset=client.list_offsets({tp: spec})[tp].result(TIMEOUT_S).offset)


# ---------------------------------------------------------------- errors users hit

def oversize_record(args):
    topic = args["topic"]
    create_topic(args, topic)
    producer = Producer({"bootstrap.servers": args["bootstrap"], "message.max.bytes": 10 * 1024 * 1024,
                         "retries": 0, "acks": "all"})
    err, _ = produce_all(producer, topic, [(None, os.urandom(2 * 1024 * 1024), None, None, None)])[0]
    emit("oversize", error=None if err is None else error_fields(err))
    err, msg = produce_all(producer, topic, [(None, b"fits", None, None, None)])[0]
    emit("small", error=None if err is None else error_fields(err), offset=msg.offset())


def unknown_topic(args):
    topic = args["topic"]
    producer = Producer({"bootstrap.servers": args["bootstrap"], "message.timeout.ms": 10000,
                         "topic.metadata.propagation.max.ms": 1000})
    err, _ = produce_all(producer, topic, [(None, b"x", None, None, None)])[0]
    emit("produce", error=None if err is None else error_fields(err))
    client = admin(args)
    metadata = client.list_topics(topic, timeout=TIMEOUT_S)
    listed = metadata.topics[topic]
    emit("metadata", error=None if listed.error is None else error_fields(listed.error))


def invalid_topic(args):
    client = admin(args)
    for name in args["names"]:
        emit("create", name=name, error=future_error(client.create_topics([NewTopic(name, 1, 1)])[name]))


def shrink_partitions(args):
    topic = args["topic"]
    create_topic(args, topic, 3)
    client = admin(args)
    for count in (1, 3):
        emit("create_partitions", count=count, error=future_error(client.create_partitions([NewPartitions(topic, count)])[topic]))
    emit("described", partitions=len(client.list_topics(topic, timeout=TIMEOUT_S).topics[topic].partitions))


def offset_out_of_range(args):
    topic = args["topic"]
    create_topic(args, topic)
    produce_all(Producer({"bootstrap.servers": args["bootstrap"]}), topic, [(None, v, None, None, None) for v in (b"a", b"b", b"c")])

    strict = assigned_consumer(args, topic, offset=50, **{"auto.offset.reset": "error"})
    error = None

    def failed():
        nonlocal error
        m = strict.poll(0.2)
        if m is not None and m.error():
            error = m.error()
            return True
        if m is not None:
            raise RuntimeError("consumed offset %d past the log end" % m.offset())
        return False

    wait_until(failed, TIMEOUT_S, "the offset reset error", interval_s=0)
    emit("error_policy", error=error_fields(error))
    strict.close()

    lenient = assigned_consumer(args, topic, offset=50, **{"auto.offset.reset": "earliest"})
    for m in read(lenient, 3, "records after the reset to earliest"):
        emit("earliest_policy", **message_fields(m))
    lenient.close()


if __name__ == "__main__":
    run({f.__name__: f for f in (
        idempotent_produce, produce_codec, watermarks_and_times, group_rebalance, commit_resume, admin_topics,
        admin_configs, admin_partitions, list_groups, describe_consumer_groups, admin_list_offsets, oversize_record, unknown_topic,
        invalid_topic, shrink_partitions, offset_out_of_range)})
