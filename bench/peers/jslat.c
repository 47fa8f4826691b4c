// jslat.c: NATS JetStream produce load with per-record acknowledgement latency, for
// bench/side-by-side.sh. Built on the C client libnats (Debian libnats-dev).
//
// Build: gcc -O2 -o jslat jslat.c -lnats
// Usage: jslat URL RECORDS SIZE [IN_FLIGHT] [file|memory]
//
// (Re)creates stream SBS (subject "sbs", one replica, the given storage, default file), then
// publishes RECORDS records of SIZE bytes with asynchronous acknowledgements, at most IN_FLIGHT
// (default 4096) unacknowledged at any time. The clock runs from the first publish until the last
// acknowledgement. Each record carries its index in its first 8 bytes; the acknowledgement handler
// looks up the record's send time, so the latency of a record is publish call -> its ack arrives
// (closed loop: it includes the time spent waiting behind the other records in flight).
//
// Prints one line on stdout:  records_per_s mib_per_s p50_ms p99_ms errors
#include <nats/nats.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t *sentNs;      // send time of record i (monotonic ns)
static uint32_t *latencyUs;  // latency of the i-th acknowledgement to arrive, in microseconds
static long acked;  // written by the ack handler thread only; read with atomic loads
static long failed;

static int64_t nowNs(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void fail(const char *what, natsStatus s)
{
    fprintf(stderr, "jslat: %s: %s\n", what, natsStatus_GetText(s));
    nats_PrintLastErrorStack(stderr);
    exit(1);
}

static void onAck(jsCtx *js, natsMsg *msg, jsPubAck *pa, jsPubAckErr *pae, void *closure)
{
    (void)js; (void)pa; (void)closure;
    int64_t now = nowNs();
    if (pae != NULL)
    {
        __atomic_add_fetch(&failed, 1, __ATOMIC_RELEASE);
        return;
    }

    uint64_t index;
    memcpy(&index, natsMsg_GetData(msg), sizeof index);
    int64_t us = (now - sentNs[index]) / 1000;
    latencyUs[acked] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
    __atomic_store_n(&acked, acked + 1, __ATOMIC_RELEASE);
}

static int compareU32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: jslat URL RECORDS SIZE [IN_FLIGHT] [file|memory]\n");
        return 2;
    }

    const char *url = argv[1];
    long records = atol(argv[2]);
    int size = atoi(argv[3]);
    long inFlight = argc > 4 ? atol(argv[4]) : 4096;
    int memory = argc > 5 && strcmp(argv[5], "memory") == 0;
    if (records <= 0 || size < 8 || inFlight <= 0)
    {
        fprintf(stderr, "jslat: RECORDS > 0, SIZE >= 8 and IN_FLIGHT > 0 are required\n");
        return 2;
    }

    sentNs = calloc((size_t)records, sizeof *sentNs);
    latencyUs = calloc((size_t)records, sizeof *latencyUs);
    char *payload = malloc((size_t)size);
    if (!sentNs || !latencyUs || !payload)
    {
        fprintf(stderr, "jslat: out of memory\n");
        return 1;
    }
    memset(payload, 'x', (size_t)size);

    natsOptions *opts = NULL;
    natsConnection *nc = NULL;
    jsCtx *js = NULL;
    natsStatus s;
    jsErrCode jerr = 0;
    if ((s = natsOptions_Create(&opts)) != NATS_OK) fail("options", s);
    natsOptions_SetURL(opts, url);
    natsOptions_SetIOBufSize(opts, 1 << 20);
    if ((s = natsConnection_Connect(&nc, opts)) != NATS_OK) fail("connect", s);

    jsOptions jo;
    jsOptions_Init(&jo);
    jo.Wait = 30000;
    jo.PublishAsync.MaxPending = inFlight;
    jo.PublishAsync.AckHandler = onAck;
    if ((s = natsConnection_JetStream(&js, nc, &jo)) != NATS_OK) fail("jetstream context", s);

    js_DeleteStream(js, "SBS", NULL, &jerr); // a leftover from an earlier run; "not found" is fine
    jsStreamConfig sc;
    jsStreamConfig_Init(&sc);
    const char *subjects[] = { "sbs" };
    sc.Name = "SBS";
    sc.Subjects = subjects;
    sc.SubjectsLen = 1;
    sc.Storage = memory ? js_MemoryStorage : js_FileStorage;
    sc.Replicas = 1;
    jsStreamInfo *info = NULL;
    if ((s = js_AddStream(&info, js, &sc, NULL, &jerr)) != NATS_OK) fail("add stream", s);
    jsStreamInfo_Destroy(info);

    int64_t started = nowNs();
    for (long i = 0; i < records; i++)
    {
        uint64_t index = (uint64_t)i;
        memcpy(payload, &index, sizeof index);
        sentNs[i] = nowNs();
        if ((s = js_PublishAsync(js, "sbs", payload, size, NULL)) != NATS_OK) fail("publish", s);
    }

    jsPubOptions po;
    jsPubOptions_Init(&po);
    po.MaxWait = 120000;
    if ((s = js_PublishAsyncComplete(js, &po)) != NATS_OK) fail("waiting for acknowledgements", s);
    // the library may count an ack as done just before its handler has returned: wait for the handlers
    int64_t deadline = nowNs() + 10000000000LL;
    while (__atomic_load_n(&acked, __ATOMIC_ACQUIRE) + __atomic_load_n(&failed, __ATOMIC_ACQUIRE) < records && nowNs() < deadline)
    {
        struct timespec pause = { 0, 100000 };
        nanosleep(&pause, NULL);
    }
    double seconds = (nowNs() - started) / 1e9;

    long n = __atomic_load_n(&acked, __ATOMIC_ACQUIRE);
    if (n + failed < records) fprintf(stderr, "jslat: only %ld of %ld records acknowledged\n", n + failed, records);
    qsort(latencyUs, (size_t)n, sizeof *latencyUs, compareU32);
    double p50 = n > 0 ? latencyUs[(size_t)((n - 1) * 0.50)] / 1000.0 : 0;
    double p99 = n > 0 ? latencyUs[(size_t)((n - 1) * 0.99)] / 1000.0 : 0;
    printf("%.0f %.1f %.2f %.2f %ld\n", n / seconds, n * (double)size / 1048576.0 / seconds, p50, p99, failed);

    js_DeleteStream(js, "SBS", NULL, &jerr);
    jsCtx_Destroy(js);
    natsConnection_Destroy(nc);
    natsOptions_Destroy(opts);
    nats_Close();
    free(payload);
    free(latencyUs);
    free(sentNs);
    return failed > 0 || n < records ? 1 : 0;
}
