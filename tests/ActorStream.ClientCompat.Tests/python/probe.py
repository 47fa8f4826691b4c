"""Reports which Kafka client libraries and codecs this Python has, as one JSON line."""
import json
import sys

report = {"python": sys.version.split()[0]}
try:
    import kafka
    from kafka import codec

    report["kafka"] = kafka.__version__
    report["kafka_codecs"] = {
        "gzip": codec.has_gzip(),
        "snappy": codec.has_snappy(),
        "lz4": codec.has_lz4(),
        "zstd": codec.has_zstd() if hasattr(codec, "has_zstd") else False,
    }
except ImportError as e:
    report["kafka"] = None
    report["kafka_error"] = str(e)

try:
    import confluent_kafka
    from confluent_kafka.admin import AdminClient

    report["confluent_kafka"] = confluent_kafka.version()[0]
    report["librdkafka"] = confluent_kafka.libversion()[0]
    report["confluent_admin"] = sorted(n for n in dir(AdminClient) if not n.startswith("_"))
except ImportError as e:
    report["confluent_kafka"] = None
    report["confluent_error"] = str(e)

print(json.dumps(report))
