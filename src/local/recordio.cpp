#include "local/recordio.hpp"

namespace dcos_local {
namespace {

constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr long long kMaxRecord = 16 * 1024 * 1024;

int digit_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::string record(std::string_view bytes) {
  return std::to_string(bytes.size()) + "\n" + std::string(bytes);
}

bool RecordReader::feed(std::string_view piece, std::vector<std::string>& records) {
  for (size_t i = 0; i < piece.size();) {
    if (wanted_ < 0) {
      const char c = piece[i++];
      if (c != '\n') {
        if (c < '0' || c > '9' || pending_.size() > 12) return false;
        pending_ += c;
        continue;
      }
      if (pending_.empty()) return false;
      wanted_ = std::stoll(pending_);
      if (wanted_ > kMaxRecord) return false;
      pending_.clear();
      if (wanted_ == 0) {
        records.emplace_back();
        wanted_ = -1;
      }
      continue;
    }
    const size_t take = std::min(piece.size() - i, static_cast<size_t>(wanted_) - pending_.size());
    pending_.append(piece.substr(i, take));
    i += take;
    if (pending_.size() == static_cast<size_t>(wanted_)) {
      records.push_back(std::move(pending_));
      pending_.clear();
      wanted_ = -1;
    }
  }
  return true;
}

std::string to_base64(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kDigits[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kDigits[(buffer << (6 - bits)) & 63];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const int value = digit_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace dcos_local
