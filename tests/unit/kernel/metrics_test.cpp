// tests/unit/kernel/metrics_test.cpp: counters, gauges and their Prometheus text.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "runtime/metrics.hpp"

using namespace lineside::kernel;

TEST_CASE("counters add across threads; gauges are set; names are sanitised") {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 1000; ++i) m.add("lineside_auth_failures", 1);
    });
  }
  for (auto &t : threads) t.join();
  CHECK(m.get("lineside_auth_failures") == 4000);
  m.set("lineside-registrar.bindings", 7);
  CHECK(m.get("lineside_registrar_bindings") == 7);
  const std::string text = m.prometheus_text();
  CHECK(text.find("lineside_auth_failures_total 4000\n") != std::string::npos);
  CHECK(text.find("# TYPE lineside_registrar_bindings gauge\n") != std::string::npos);
  CHECK(text.find("lineside_registrar_bindings 7\n") != std::string::npos);
}
