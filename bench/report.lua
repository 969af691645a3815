-- wrk script: one JSON line with the figures the harness needs (wrk's own --latency
-- output has no p95). Usage: wrk -s bench/report.lua -H "Cookie: ..." URL
done = function(summary, latency, requests)
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors_status":%d,' ..
    '"errors_connect":%d,"errors_read":%d,"errors_timeout":%d,' ..
    '"p50":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
