// The number formats of tables and messages (src/client/number_format.hpp).
#include <catch2/catch.hpp>

#include "client/number_format.hpp"

TEST_CASE("decimals: fixed, and trimmed of trailing zeros") {
  CHECK(dcos::fixed_decimal(1.5, 2) == "1.50");
  CHECK(dcos::fixed_decimal(12.345, 1) == "12.3");
  CHECK(dcos::trimmed_decimal(2) == "2");
  CHECK(dcos::trimmed_decimal(0.1) == "0.1");
  CHECK(dcos::trimmed_decimal(128.0) == "128");
  CHECK(dcos::trimmed_decimal(0.0000001) == "0");
  CHECK(dcos::trimmed_decimal(-0.0000001) == "0");
  CHECK(dcos::trimmed_decimal(1.23456789) == "1.234568");
  CHECK(dcos::trimmed_decimal(100, 0) == "100");
}

TEST_CASE("octal modes and hex") {
  CHECK(dcos::octal(0644, 4) == "0644");
  CHECK(dcos::octal(0600, 0, true) == "0600");
  CHECK(dcos::octal(0, 0, true) == "0");
  CHECK(dcos::hex(0x1f, 4) == "001f");
  const unsigned char bytes[] = {0xab, 0x01, 0xff};
  CHECK(dcos::hex_pairs(bytes, 3, ":") == "AB:01:FF");
  CHECK(dcos::hex_pairs(bytes, 0, ":").empty());
}
