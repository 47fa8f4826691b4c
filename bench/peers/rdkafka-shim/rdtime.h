/* Stand-in for librdkafka internal src/rdtime.h: rd_clock lives in rd.h. */
