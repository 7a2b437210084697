#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <tuple>
#include <vector>

#include "model/claim.h"
#include "model/document.h"
#include "model/finding.h"
#include "model/values.h"

namespace concord {

const char* DateSourceName(DateSource s) {
  switch (s) {
    case DateSource::kNone: return "none";
    case DateSource::kFrontMatter: return "front-matter";
    case DateSource::kDateLine: return "date-line";
    case DateSource::kDateline: return "dateline";
    case DateSource::kHtmlMeta: return "html-meta";
    case DateSource::kJsonl: return "jsonl";
    case DateSource::kFlag: return "flag";
  }
  return "none";
}

bool SameStatement(const Claim& a, const Claim& b) {
  // (Listed by hand: a field added to Claim must be added here.)
  auto said = [](const Claim& c) {
    return std::tie(c.mention.kind, c.mention.value, c.mention.value_text, c.mention.timex,
                    c.mention.rule_id, c.mention.subject, c.evidence.doc, c.evidence.path,
                    c.evidence.text, c.evidence.sentence, c.attribute, c.context,
                    c.proximity, c.near, c.measures, c.measured_by_verb, c.event, c.owner,
                    c.owner_adjacent, c.definites, c.entities, c.things, c.published,
                    c.sentence_dates);
  };
  return said(a) == said(b);
}

const char* GranularityName(Granularity g) {
  switch (g) {
    case Granularity::kDay: return "day";
    case Granularity::kWeek: return "week";
    case Granularity::kMonth: return "month";
    case Granularity::kSeason: return "season";
    case Granularity::kQuarter: return "quarter";
    case Granularity::kHalf: return "half";
    case Granularity::kYear: return "year";
    case Granularity::kDecade: return "decade";
    case Granularity::kCentury: return "century";
  }
  return "day";
}

const char* DurationUnitName(DurationUnit u) {
  switch (u) {
    case DurationUnit::kDay: return "day";
    case DurationUnit::kWeek: return "week";
    case DurationUnit::kMonth: return "month";
    case DurationUnit::kQuarter: return "quarter";
    case DurationUnit::kYear: return "year";
    case DurationUnit::kDecade: return "decade";
    case DurationUnit::kCentury: return "century";
  }
  return "day";
}

double DurationValue::Days() const {
  constexpr double kYear = 365.2425;
  switch (unit) {
    case DurationUnit::kDay: return amount;
    case DurationUnit::kWeek: return amount * 7;
    case DurationUnit::kMonth: return amount * kYear / 12;
    case DurationUnit::kQuarter: return amount * kYear / 4;
    case DurationUnit::kYear: return amount * kYear;
    case DurationUnit::kDecade: return amount * kYear * 10;
    case DurationUnit::kCentury: return amount * kYear * 100;
  }
  return amount;
}

const char* BoundName(Bound b) {
  switch (b) {
    case Bound::kExact: return "exact";
    case Bound::kApprox: return "approx";
    case Bound::kAtLeast: return "at_least";
    case Bound::kMoreThan: return "more_than";
    case Bound::kAtMost: return "at_most";
    case Bound::kLessThan: return "less_than";
    case Bound::kRange: return "range";
    case Bound::kSome: return "some";
  }
  return "exact";
}

const char* MentionKindName(MentionKind k) {
  switch (k) {
    case MentionKind::kDate: return "date";
    case MentionKind::kTime: return "time";
    case MentionKind::kDuration: return "duration";
    case MentionKind::kSet: return "set";
    case MentionKind::kFigure: return "figure";
    case MentionKind::kTitle: return "title";
    case MentionKind::kName: return "name";
    case MentionKind::kQuote: return "quote";
  }
  return "date";
}

std::optional<MentionKind> ParseMentionKind(std::string_view name) {
  for (MentionKind k :
       {MentionKind::kDate, MentionKind::kTime, MentionKind::kDuration,
        MentionKind::kSet, MentionKind::kFigure, MentionKind::kTitle,
        MentionKind::kName, MentionKind::kQuote}) {
    if (name == MentionKindName(k)) return k;
  }
  return std::nullopt;
}

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "info";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (Severity s : {Severity::kInfo, Severity::kWarning, Severity::kError}) {
    if (name == SeverityName(s)) return s;
  }
  return std::nullopt;
}

const char* FindingClassName(FindingClass c) {
  switch (c) {
    case FindingClass::kConflict: return "conflict";
    case FindingClass::kVariant: return "variant";
    case FindingClass::kPrecision: return "precision";
    case FindingClass::kUpdate: return "update";
  }
  return "conflict";
}

std::optional<FindingClass> ParseFindingClass(std::string_view name) {
  for (FindingClass c : {FindingClass::kConflict, FindingClass::kVariant,
                         FindingClass::kPrecision, FindingClass::kUpdate}) {
    if (name == FindingClassName(c)) return c;
  }
  return std::nullopt;
}

namespace {

auto EvidenceKey(const Evidence& e) {
  return std::tie(e.path, e.doc, e.offset, e.length);
}

// How many documents state `v`.
size_t DocCount(const FindingValue& v) {
  std::vector<std::string_view> docs;
  docs.reserve(v.mentions.size());
  for (const Evidence& e : v.mentions) docs.push_back(e.doc);
  std::sort(docs.begin(), docs.end());
  return static_cast<size_t>(std::unique(docs.begin(), docs.end()) - docs.begin());
}

// The mention of a draft that heads `f`, or null when no draft takes part.
const Evidence* DraftEvidence(const Finding& f, const std::vector<std::string>& drafts) {
  auto in_draft = [&](const Evidence& e) {
    return std::find(drafts.begin(), drafts.end(), e.doc) != drafts.end();
  };
  // Where a mention stands in its file: line and column before the offset,
  // which for a JSON Lines record counts from the record's text.
  auto place = [](const Evidence& e) {
    return std::tie(e.path, e.line, e.column, e.offset, e.doc, e.length);
  };
  const Evidence* head = nullptr;
  size_t head_docs = 0;
  for (const FindingValue& v : f.values) {
    const Evidence* first = nullptr;
    for (const Evidence& e : v.mentions) {
      if (in_draft(e) && (first == nullptr || place(e) < place(*first))) first = &e;
    }
    if (first == nullptr) continue;
    // A draft that contradicts itself is headed by its odd value.
    const size_t docs = DocCount(v);
    if (head == nullptr || docs < head_docs) {
      head = first;
      head_docs = docs;
    }
  }
  return head;
}

}  // namespace

const Evidence* PrimaryEvidence(const Finding& f, const std::vector<std::string>& drafts) {
  if (!drafts.empty()) {
    if (const Evidence* e = DraftEvidence(f, drafts)) return e;
  }
  const FindingValue* best = nullptr;
  size_t best_docs = 0;
  for (const FindingValue& v : f.values) {
    if (v.mentions.empty()) continue;
    const size_t docs = DocCount(v);
    if (best == nullptr || docs < best_docs) {
      best = &v;
      best_docs = docs;
    }
  }
  return best == nullptr ? nullptr : &best->mentions.front();
}

void Canonicalize(Report* report) {
  auto doc_less = [](const DocInfo& a, const DocInfo& b) {
    return std::tie(a.path, a.id) < std::tie(b.path, b.id);
  };
  std::vector<DocInfo>& docs = report->documents;
  if (!std::is_sorted(docs.begin(), docs.end(), doc_less)) {
    // Sorted as indices, then moved once each: a DocInfo (several strings)
    // is costly to swap. Equal keys keep their order.
    std::vector<uint32_t> order(docs.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return doc_less(docs[a], docs[b]); });
    std::vector<DocInfo> sorted;
    sorted.reserve(docs.size());
    for (const uint32_t i : order) sorted.push_back(std::move(docs[i]));
    docs = std::move(sorted);
  }
  for (Story& story : report->stories) {
    std::sort(story.documents.begin(), story.documents.end());
  }
  for (Finding& f : report->findings) {
    for (FindingValue& v : f.values) {
      std::sort(v.mentions.begin(), v.mentions.end(),
                [](const Evidence& a, const Evidence& b) {
                  return EvidenceKey(a) < EvidenceKey(b);
                });
    }
    std::sort(f.values.begin(), f.values.end(),
              [](const FindingValue& a, const FindingValue& b) {
                if (a.mentions.empty() || b.mentions.empty()) {
                  return a.normalized < b.normalized;
                }
                return EvidenceKey(a.mentions.front()) <
                       EvidenceKey(b.mentions.front());
              });
  }
  // A check report is ordered by where each finding stands in the drafts.
  const std::vector<std::string>& drafts = report->drafts;
  auto first_evidence = [&](const Finding& f) -> const Evidence* {
    if (!drafts.empty()) return PrimaryEvidence(f, drafts);
    return f.values.empty() || f.values[0].mentions.empty() ? nullptr : &f.values[0].mentions[0];
  };
  std::sort(report->findings.begin(), report->findings.end(),
            [&](const Finding& a, const Finding& b) {
              const Evidence* ea = first_evidence(a);
              const Evidence* eb = first_evidence(b);
              if (a.severity != b.severity) return a.severity > b.severity;
              if (a.kind != b.kind) return a.kind < b.kind;
              if (a.subject != b.subject) return a.subject < b.subject;
              if (ea && eb && EvidenceKey(*ea) != EvidenceKey(*eb)) {
                return EvidenceKey(*ea) < EvidenceKey(*eb);
              }
              return a.id < b.id;
            });
  std::sort(report->skipped.begin(), report->skipped.end(),
            [](const Skipped& a, const Skipped& b) {
              return std::tie(a.path, a.reason) < std::tie(b.path, b.reason);
            });
}

}  // namespace concord
