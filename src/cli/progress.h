// Progress of a long run on standard error, and the summary at its end.
// The progress line is drawn only when enabled (stderr is a terminal and not
// --quiet), at most ten times a second, and cleared when done, so that pipes
// and saved outputs never see it.
#ifndef CONCORD_CLI_PROGRESS_H_
#define CONCORD_CLI_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "model/finding.h"

namespace concord {

class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();  // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Thread-safe and cheap: one article of `bytes` was read and extracted.
  void AddArticle(uint64_t bytes);
  // Stories grouped so far and findings so far (from the comparing thread).
  void SetStories(size_t stories);
  void AddFindings(size_t findings);
  // Clears the line (also done by the destructor).
  void Clear();

  uint64_t articles() const { return articles_.load(); }
  uint64_t bytes() const { return bytes_.load(); }
  double Seconds() const;  // since construction

 private:
  void MaybeDraw();

  const bool enabled_;
  const std::chrono::steady_clock::time_point start_;
  std::atomic<uint64_t> articles_{0}, bytes_{0}, stories_{0}, findings_{0};
  std::atomic<int64_t> last_draw_ns_{0};
  std::mutex draw_mu_;
  bool drawn_ = false;
};

// The end-of-run summary of `concord audit`: articles read, skipped (by
// reason), stories, claims, findings by kind, time and throughput. Several
// lines, each ending in '\n'.
std::string AuditSummary(const Report& report, uint64_t articles, uint64_t claims,
                         uint64_t bytes, double seconds);

}  // namespace concord

#endif  // CONCORD_CLI_PROGRESS_H_
