// cmd_store.cpp — `sopkit store SUBVERB DB ...`: the record store from the
// command line (docs/store.md). Sub-verbs: init, import, revisions, diff,
// export, audit.
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/error.hpp"
#include "sopkit/files.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/sop_diff.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/store.hpp"
#include "sopkit/validation.hpp"
#include "standard_output.hpp"

namespace sopkit::cli {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int to_int(const std::string& text, const char* what) {
  std::size_t used = 0;
  int v = 0;
  try {
    v = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || v < 0)
    throw UsageError{std::string(what) + " '" + text + "' is not a whole number >= 0"};
  return v;
}

int store_init(const Args& args) {
  if (args.positional.size() != 1) throw UsageError{"give the store file"};
  open_sqlite_store(args.positional[0]);
  std::cout << args.positional[0] << ": store ready (schema version "
            << sqlite_store_schema_version() << ")\n";
  return kExitOk;
}

int store_import(const Args& args) {
  if (args.positional.size() != 2) throw UsageError{"give the store file and one file to import"};
  const std::string* author = args.option("--author");
  if (!author || author->empty()) throw UsageError{"--author NAME is required (the audit trail)"};
  const std::string& db = args.positional[0];
  const std::string& path = args.positional[1];
  const std::string* note = args.option("--note");
  // A CSV is indicator data: read once, by the loader.
  const bool csv = ends_with(path, ".csv");
  const std::string text = csv ? std::string() : read_file(path);
  // JSON of another format, or text that does not parse, is left to the SOP
  // loader, which reports its own errors.
  std::optional<IndicatorSet> json_set =
      csv ? std::nullopt : parse_indicators_json_if_format(text, path);
  if (csv || json_set) {
    IndicatorSet set = csv ? load_indicators_file(path, csv_options(args)) : std::move(*json_set);
    auto store = open_sqlite_store(db);
    std::size_t changed = store->import_indicators(set, {*author, note ? *note : path});
    std::cout << path << ": " << set.indicator_count() << " indicator(s), " << set.cell_count()
              << " row(s); " << changed << " value(s) changed\n";
    return kExitOk;
  }
  Sop sop(parse_sop_json(text, path));
  auto diagnostics = validate(sop);
  std::size_t errors = 0;
  for (const auto& d : diagnostics) errors += d.severity == Severity::error;
  if (errors) {
    print_diagnostics(std::cerr, diagnostics);
    std::cerr << path << ": not recorded: fix the errors first\n";
    return kExitFindings;
  }
  RevisionMeta meta;
  meta.author = *author;
  if (const auto* d = args.option("--date")) meta.date = *d;
  if (note) meta.note = *note;
  if (const auto* n = args.option("--revision")) meta.number = to_int(*n, "--revision");
  meta.allow_identical = args.flag("--allow-identical");
  auto store = open_sqlite_store(db);
  RevisionInfo info = store->put_revision(sop.document(), meta);
  std::cout << info.sop_number << ": revision " << info.revision << " (" << info.date << ", "
            << info.author << ", " << info.content_hash << ")\n";
  return kExitOk;
}

StoreOptions read_only() {
  StoreOptions o;
  o.read_only = true;
  return o;
}

int store_revisions(const Args& args) {
  if (args.positional.empty() || args.positional.size() > 2)
    throw UsageError{"give the store file and, optionally, an SOP number"};
  auto store = open_sqlite_store(args.positional[0], read_only());
  auto list = store->revisions(args.positional.size() == 2 ? args.positional[1] : "");
  if (args.flag("--json")) {
    data_output() << revisions_to_json(list) << '\n';
    return kExitOk;
  }
  for (const auto& r : list)
    std::cout << r.sop_number << '\t' << r.revision << '\t' << r.date << '\t' << r.author << '\t'
              << r.note << '\n';
  if (list.empty()) std::cout << "no revisions\n";
  return kExitOk;
}

int store_diff(const Args& args) {
  if (args.positional.size() != 4)
    throw UsageError{"give the store file, the SOP number and two revision numbers"};
  auto store = open_sqlite_store(args.positional[0], read_only());
  SopDiff d = store->diff(args.positional[1], to_int(args.positional[2], "revision"),
                          to_int(args.positional[3], "revision"));
  if (args.flag("--json"))
    data_output() << sop_diff_to_json(d) << "\n";
  else
    std::cout << sop_diff_to_text(d);
  return kExitOk;
}

void write_out(const Args& args, const std::string& text) {
  if (const auto* out = args.option("-o"))
    write_file_atomically(*out, text);
  else
    data_output() << text;
}

int store_export(const Args& args) {
  auto store =
      args.positional.empty() ? nullptr : open_sqlite_store(args.positional[0], read_only());
  if (args.flag("--indicators")) {
    if (args.positional.size() != 1) throw UsageError{"give only the store file with --indicators"};
    write_out(args, indicators_to_json(store->indicators()) + "\n");
    return kExitOk;
  }
  if (args.positional.size() != 2)
    throw UsageError{"give the store file and the SOP number (or --indicators)"};
  int revision = 0;
  if (const auto* n = args.option("--revision")) revision = to_int(*n, "--revision");
  write_out(args, sop_to_json(store->get_revision(args.positional[1], revision).document()) + "\n");
  return kExitOk;
}

int store_audit(const Args& args) {
  if (args.positional.size() != 1) throw UsageError{"give the store file"};
  auto store = open_sqlite_store(args.positional[0], read_only());
  const std::string* code = args.option("--indicator");
  auto rows = store->audit(code ? *code : "");
  if (args.flag("--json")) {
    data_output() << audit_to_json(rows) << '\n';
    return kExitOk;
  }
  auto show = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v).dump() : std::string("blank");
  };
  for (const auto& a : rows)
    std::cout << a.changed_at << '\t' << a.author << '\t' << a.indicator << ' ' << a.period << ' '
              << a.field << ": " << show(a.old_value) << " -> " << show(a.new_value) << '\t'
              << a.reason << '\n';
  return kExitOk;
}

}  // namespace

int cmd_store(const std::vector<std::string>& argv) {
  if (argv.empty())
    throw UsageError{"give a sub-verb: init, import, revisions, diff, export or audit"};
  const std::string sub = argv[0];
  if (sub == "--help" || sub == "-h")  // every sub-verb's options
    parse_args(argv, {"--json", "--allow-identical", "--indicators"},
               {"--author", "--note", "--date", "--revision", "--decimal-mark", "--threads", "-o",
                "--indicator"});
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  static const std::set<std::string> kSubVerbs = {"init", "import", "revisions",
                                                  "diff", "export", "audit"};
  if (!kSubVerbs.count(sub)) throw UsageError{"unknown sub-verb '" + sub + "'"};
  enter_sub_verb(sub);
  if (sub == "init") return store_init(parse_args(rest, {}, {}));
  if (sub == "import")
    return store_import(
        parse_args(rest, {"--allow-identical"},
                   {"--author", "--note", "--date", "--revision", "--decimal-mark", "--threads"}));
  if (sub == "revisions") return store_revisions(parse_args(rest, {"--json"}, {}));
  if (sub == "diff") return store_diff(parse_args(rest, {"--json"}, {}));
  if (sub == "export")
    return store_export(parse_args(rest, {"--indicators"}, {"--revision", "-o"}));
  return store_audit(parse_args(rest, {"--json"}, {"--indicator"}));
}

}  // namespace sopkit::cli
