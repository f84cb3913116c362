#include "local/cosmos/codec.hpp"

#include <zlib.h>

#include "local/recordio.hpp"

namespace dcos_local::cosmos {

namespace {

// windowBits 15 + 16 selects the gzip wrapper in zlib.
constexpr int kGzipWindow = 15 + 16;

}  // namespace

std::string base64_encode(const std::string& bytes) { return to_base64(bytes); }

std::optional<std::string> base64_decode(const std::string& text) {
  // Padded standard base64 only: whole groups of four, '=' only in the last two places.
  if (text.size() % 4 != 0) return std::nullopt;
  size_t pad = text.find('=');
  if (pad != std::string::npos &&
      (pad + 2 < text.size() || text.find_first_not_of('=', pad) != std::string::npos))
    return std::nullopt;
  return from_base64(text);
}

std::string gzip(const std::string& bytes) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::optional<std::string> gunzip(const std::string& data) {
  z_stream z{};
  if (inflateInit2(&z, kGzipWindow) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace dcos_local::cosmos
