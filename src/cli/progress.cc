#include "cli/progress.h"

#include <cstdio>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace concord {
namespace {

constexpr int64_t kDrawEveryNs = 100'000'000;  // ten times a second at most

}  // namespace

Progress::Progress(bool enabled)
    : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { Clear(); }

double Progress::Seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::AddArticle(uint64_t bytes) {
  articles_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  MaybeDraw();
}

void Progress::SetStories(size_t stories) {
  stories_.store(stories, std::memory_order_relaxed);
  MaybeDraw();
}

void Progress::AddFindings(size_t findings) {
  findings_.fetch_add(findings, std::memory_order_relaxed);
  MaybeDraw();
}

void Progress::MaybeDraw() {
  if (!enabled_) return;
  const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::steady_clock::now() - start_).count();
  int64_t last = last_draw_ns_.load(std::memory_order_relaxed);
  if (now - last < kDrawEveryNs) return;
  // One thread draws; the others go on.
  if (!last_draw_ns_.compare_exchange_strong(last, now)) return;
  std::unique_lock<std::mutex> lock(draw_mu_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  const double secs = static_cast<double>(now) / 1e9;
  const uint64_t n = articles_.load();
  std::string line = absl::StrFormat("concord: %d articles (%.0f/s, %.1f MB/s)", n,
                                     secs > 0 ? static_cast<double>(n) / secs : 0.0,
                                     secs > 0 ? static_cast<double>(bytes_.load()) / 1e6 / secs
                                              : 0.0);
  if (const uint64_t s = stories_.load()) {
    absl::StrAppend(&line, ", ", s, " stories, ", findings_.load(), " findings");
  }
  absl::StrAppendFormat(&line, ", %.1f s", secs);
  fprintf(stderr, "\r%s\x1b[K", line.c_str());
  fflush(stderr);
  drawn_ = true;
}

void Progress::Clear() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(draw_mu_);
  if (!drawn_) return;
  fputs("\r\x1b[K", stderr);
  fflush(stderr);
  drawn_ = false;
}

std::string AuditSummary(const Report& report, uint64_t articles, uint64_t claims,
                         uint64_t bytes, double seconds) {
  std::map<std::string, int> reasons;
  for (const Skipped& s : report.skipped) reasons[s.reason] += 1;
  std::map<std::string, int> kinds;
  for (const Finding& f : report.findings) kinds[MentionKindName(f.kind)] += 1;
  std::string out = absl::StrCat("concord: ", articles, " articles read, ",
                                 report.skipped.size(), " skipped");
  if (!reasons.empty()) {
    out += " (";
    bool first = true;
    for (const auto& [reason, n] : reasons) {
      absl::StrAppend(&out, first ? "" : "; ", n, " ", reason);
      first = false;
    }
    out += ")";
  }
  absl::StrAppend(&out, "\nconcord: ", report.stories.size(), " stories, ", claims,
                  " claims, ", report.findings.size(), " findings");
  if (!kinds.empty()) {
    out += " (";
    bool first = true;
    for (const auto& [kind, n] : kinds) {
      absl::StrAppend(&out, first ? "" : ", ", n, " ", kind);
      first = false;
    }
    out += ")";
  }
  absl::StrAppendFormat(&out, "\nconcord: %.2f s, %.1f MB/s, %.0f articles/s\n", seconds,
                        seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0,
                        seconds > 0 ? static_cast<double>(articles) / seconds : 0.0);
  return out;
}

}  // namespace concord
