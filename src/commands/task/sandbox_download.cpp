#include "commands/task/sandbox_download.hpp"

#include <fnmatch.h>

#include <chrono>
#include <optional>
#include <ostream>
#include <system_error>

#include "cli/output.hpp"
#include "client/atomic_file.hpp"
#include "client/number_format.hpp"

namespace dcos {
namespace {

namespace fs = std::filesystem;

/// Folders nested deeper than this are taken for a loop of links, which the agent follows.
constexpr int kMaxDepth = 32;

/// A byte count for people: "512 B", "1.5 KiB", "20.3 MiB".
std::string byte_size(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  return (unit == 0 ? std::to_string(bytes) : fixed_decimal(value, 1)) + " " + kUnits[unit];
}

bool interrupted(const Context& context) {
  return context.interrupted != nullptr && context.interrupted->load();
}

/// One line on a terminal's stderr that shows a file's name and how much of it came,
/// redrawn in place at most ten times a second and ended with a newline when the file is done.
class ProgressLine {
 public:
  ProgressLine(Context& context, const std::string& label)
      : context_(context), shown_(context.terminal.stderr_tty), label_(shorten(label)) {}
  ~ProgressLine() { end(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(uint64_t received, std::optional<uint64_t> total) {
    received_ = received;
    total_ = total;
    if (!shown_) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw();
  }

  /// Ends the line (drawn once more with the final count), before anything else is written.
  void end() {
    if (!shown_ || ended_) return;
    ended_ = true;
    total_.reset();
    draw();
    context_.err << "\n";
    context_.err.flush();
  }

 private:
  static std::string shorten(const std::string& label) {
    constexpr size_t kWidest = 50;
    if (display_width(label) <= kWidest) return label;
    size_t cut = label.size() - (kWidest - 1);
    while (cut < label.size() && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) ++cut;
    return "…" + label.substr(cut);
  }

  void draw() {
    drawn_ = true;
    std::string line = "\r" + label_ + "  " + byte_size(received_);
    if (total_) line += " / " + byte_size(*total_);
    context_.err << line << "\033[K";
    context_.err.flush();
  }

  Context& context_;
  bool shown_;
  std::string label_;
  uint64_t received_ = 0;
  std::optional<uint64_t> total_;
  bool drawn_ = false;
  bool ended_ = false;
  std::chrono::steady_clock::time_point last_draw_;
};

bool usable_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos;
}

bool name_matches(const std::string& glob, const std::string& name) {
  return glob.empty() || ::fnmatch(glob.c_str(), name.c_str(), 0) == 0;
}

std::string child_label(const std::string& shown, const std::string& name) {
  return shown.empty() ? name : shown + "/" + name;
}

}  // namespace

DownloadPlan plan_download(const std::string& sandbox, const std::string& pattern) {
  if (pattern.empty() || pattern.back() == '/') return {path_within(sandbox, pattern), ""};
  const size_t slash = pattern.rfind('/');
  const std::string last = slash == std::string::npos ? pattern : pattern.substr(slash + 1);
  if (last == "." || last == "..") return {path_within(sandbox, pattern), ""};
  const std::string folder = slash == std::string::npos ? "" : pattern.substr(0, slash);
  return {path_within(sandbox, folder), last};
}

Status SandboxDownload::run(const DownloadPlan& plan, const std::string& pattern,
                            const fs::path& target) {
  const Error nothing =
      Error::make(ErrorKind::not_found, "no file or directory matched '" + pattern + "'");
  auto listing = files_.browse(agent_id_, plan.folder);
  if (!listing) {
    if (listing.error().kind == ErrorKind::not_found) return nothing;
    return listing.take_error();
  }
  std::vector<const FileEntry*> matched;
  for (const auto& entry : *listing)
    if (name_matches(plan.glob, entry.name())) matched.push_back(&entry);
  if (matched.empty()) return nothing;

  std::error_code error;
  fs::create_directories(target, error);
  if (error)
    return Error::make(ErrorKind::generic,
                       "cannot create the folder '" + target.string() + "': " + error.message());
  for (const FileEntry* entry : matched) {
    const std::string name = entry->name();
    if (!usable_name(name)) {
      fail("the agent listed an entry with no usable name: '" + entry->path + "'");
      continue;
    }
    if (!copy_entry(*entry, target / name, name, 1))
      return Error::make(ErrorKind::cancelled, "the download was interrupted");
  }
  if (context_.terminal.stderr_tty && tally_.files > 0) {
    context_.err << "Downloaded " << tally_.files << (tally_.files == 1 ? " file" : " files")
                 << " (" << byte_size(tally_.bytes) << ") to " << fs::absolute(target).string()
                 << "\n";
  }
  if (tally_.failures > 0)
    return Error::make(ErrorKind::generic, "could not download all matched files");
  return Status::success();
}

bool SandboxDownload::copy_entry(const FileEntry& entry, const fs::path& target,
                                 const std::string& shown, int depth) {
  if (!entry.is_directory()) return copy_file(entry, target, shown);
  if (depth > kMaxDepth) {
    fail("could not fetch folder '" + shown + "': folders nested more than " +
         std::to_string(kMaxDepth) + " deep (a loop of links?)");
    return true;
  }
  std::error_code error;
  fs::create_directories(target, error);
  if (error) {
    fail("unable to create folder '" + shown + "': " + error.message());
    return true;
  }
  return copy_folder(entry.path, target, shown, depth);
}

bool SandboxDownload::copy_folder(const std::string& path, const fs::path& target,
                                  const std::string& shown, int depth) {
  auto listing = files_.browse(agent_id_, path);
  if (!listing) {
    fail("could not fetch folder '" + shown + "': " + listing.error().message);
    return !interrupted(context_);
  }
  for (const auto& entry : *listing) {
    const std::string name = entry.name();
    if (!usable_name(name) || entry.path == path) {
      fail("the agent listed an entry with no usable name in '" + shown + "': '" + entry.path +
           "'");
      continue;
    }
    if (!copy_entry(entry, target / name, child_label(shown, name), depth + 1)) return false;
  }
  return true;
}

bool SandboxDownload::copy_file(const FileEntry& entry, const fs::path& target,
                                const std::string& shown) {
  auto file = StreamedFile::create(target);
  if (!file) {
    fail("unable to create file '" + shown + "': " + file.error().message);
    return true;
  }
  uint64_t received = 0;
  Status written = [&]() -> Status {
    ProgressLine progress(context_, shown);
    DownloadSink sink;
    sink.write = [&file](std::string_view piece) { return file->write(piece); };
    sink.progress = [&progress](uint64_t bytes, std::optional<uint64_t> total) {
      progress.update(bytes, total);
    };
    sink.keep_going = [this] { return !interrupted(context_); };
    auto size = files_.download(agent_id_, entry.path, sink);
    if (!size) return size.take_error();
    received = *size;
    return file->commit();
  }();
  if (!written) {
    if (written.error().kind == ErrorKind::cancelled || interrupted(context_)) return false;
    fail("could not fetch file '" + shown + "': " + written.error().message);
    return true;
  }
  ++tally_.files;
  tally_.bytes += received;
  context_.info("downloaded " + entry.path + " to " + target.string());
  return true;
}

void SandboxDownload::fail(const std::string& message) {
  ++tally_.failures;
  context_.err << "Error: " << message << "\n";
}

}  // namespace dcos
