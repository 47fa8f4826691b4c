"""Shared plumbing of the client scenario scripts.

A scenario script is run as `python3 <script> <scenario> '<json arguments>'`. It prints its
observations as JSON lines on stdout (`{"event": ..., ...}`), which the C# test parses and asserts
on. Bytes are printed as lowercase hex so that payloads, keys and headers compare exactly. An
unexpected exception ends the script with a traceback on stderr and a non-zero exit code.
"""
import json
import sys
import time


def emit(event, **fields):
    fields["event"] = event
    sys.stdout.write(json.dumps(fields, sort_keys=True, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def hexed(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = value.encode("utf-8")
    return bytes(value).hex()


def headers_hex(headers):
    """[(name, bytes)] -> [[name, hex]]; None/empty -> []."""
    return [[name, hexed(value)] for name, value in (headers or [])]


def wait_until(condition, timeout_s, what, interval_s=0.05):
    """Polls condition() until it returns a truthy value; raises with `what` at the deadline."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError("timed out after %.1f s waiting for %s" % (timeout_s, what))
        time.sleep(interval_s)


def run(scenarios):
    """Dispatches argv[1] to the scenario function of that name with argv[2] parsed as JSON."""
    if len(sys.argv) < 2 or sys.argv[1] not in scenarios:
        sys.stderr.write("usage: %s <%s> '<json>'\n" % (sys.argv[0], "|".join(sorted(scenarios))))
        sys.exit(2)
    args = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    scenarios[sys.argv[1]](args)
    emit("done")
