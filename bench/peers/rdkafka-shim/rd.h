/* Stand-in for librdkafka's internal src/rd.h, which no package ships: just what the example
 * program rdkafka_performance.c (librdkafka-dev's examples) uses from it. */
#ifndef ACTORSTREAM_BENCH_RD_H
#define ACTORSTREAM_BENCH_RD_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

typedef int64_t rd_ts_t; /* microseconds */

#define rd_snprintf snprintf
#define RD_MIN(a, b) ((a) < (b) ? (a) : (b))
#define RD_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Monotonic clock in microseconds. */
static inline rd_ts_t rd_clock(void) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        return (rd_ts_t)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}
#endif
