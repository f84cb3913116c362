// How this client names itself: its version, and the User-Agent header it sends with it.
#pragma once

namespace dcos {

/// Version of this CLI; scripts read it as dcoscli.version=<v>.
inline constexpr const char* kCliVersion = "1.2.0-cpp.0.1.0";

/// User-Agent header value, the same shape as the real CLI's (dcos-cli/<version> <os>).
inline constexpr const char* kUserAgent = "dcos-cli/1.2.0-cpp.0.1.0 linux";

}  // namespace dcos
