// Numbers as the CLI shows them: fixed or trimmed decimals, octal file modes, hex digests.
// Written with fmt (the design card's formatting library), used header-only in this one file's
// implementation so that no command compiles fmt and `dcos` loads no libfmt.so.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dcos {

/// `value` with exactly `decimals` digits after the point: (1.5, 2) → "1.50".
std::string fixed_decimal(double value, int decimals);

/// `value` with at most `decimals` digits after the point and no trailing zeros: 2, 0.1, 128;
/// never "-0".
std::string trimmed_decimal(double value, int decimals = 6);

/// `value` in octal with at least `width` digits ("0644"); `prefixed` adds a leading 0 as C's
/// "%#o" does ("0600" for 0600, "0" for 0).
std::string octal(unsigned value, int width = 0, bool prefixed = false);

/// Lower-case hex of `value` with at least `width` digits ("001f").
std::string hex(unsigned value, int width);

/// Upper-case hex pairs of `bytes` joined by `separator`: "AB:CD:EF".
std::string hex_pairs(const unsigned char* bytes, size_t size, std::string_view separator);

}  // namespace dcos
