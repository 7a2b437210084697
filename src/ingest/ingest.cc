// PLACEHOLDER: replaced by the ingest stage.
#include "ingest/ingest.h"

namespace concord::ingest {

void CompileIngestRules(const std::vector<rules::RuleFile>&, rules::Diagnostics*,
                        IngestRules*) {}
void RunIngestExamples(const IngestRules&, std::vector<rules::ExampleResult>*) {}
absl::StatusOr<std::vector<Input>> ExpandInputs(const std::vector<std::string>& paths,
                                                std::vector<Skipped>*) {
  std::vector<Input> out;
  for (const auto& p : paths) out.push_back({p, Format::kText});
  return out;
}
void ReadInput(const Input&, const IngestRules&, const rules::Lexicon&, const Options&,
               const std::function<void(Document)>&, std::vector<Skipped>*) {}
absl::StatusOr<Document> ParseArticle(std::string bytes, Format, const std::string& path,
                                      const IngestRules&, const rules::Lexicon&,
                                      const Options&) {
  Document d;
  d.path = path;
  d.original = bytes;
  TextBuilder b;
  b.Copy(bytes, 0);
  b.Finish(&d.text, &d.map);
  return d;
}

}  // namespace concord::ingest
