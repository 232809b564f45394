// cmd_render.cpp — `sopkit render FILE --format svg|html|bpmn|dot|svg-pages [-o OUT]
// [--lang id|en]`: the SOP as the official table (SVG, printable HTML), as
// BPMN 2.0 XML for bpmn.io / Camunda Modeler, or as Graphviz DOT.
//
// Without -o the picture goes to standard output.
#include <iostream>
#include <optional>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/error.hpp"
#include "sopkit/files.hpp"
#include "sopkit/render.hpp"
#include "sopkit/sop_json.hpp"
#include "standard_output.hpp"

namespace sopkit::cli {

int cmd_render(const std::vector<std::string>& argv) {
  // "-o" is accepted as the short form of "--out".
  std::vector<std::string> normalised;
  for (const auto& a : argv) normalised.push_back(a == "-o" ? "--out" : a);
  Args args = parse_args(normalised, {}, {"--format", "--out", "--lang", "--rows-per-page"});
  if (args.positional.size() != 1) throw UsageError{"give exactly one SOP file"};
  const std::string* format = args.option("--format");
  if (!format) throw UsageError{"--format is required: svg, html, bpmn, dot or svg-pages"};
  RenderOptions options;
  if (const std::string* lang = args.option("--lang")) {
    if (*lang == "en")
      options.lang = Language::en;
    else if (*lang != "id")
      throw UsageError{"--lang takes id or en, not '" + *lang + "'"};
  }
  if (const std::string* rows = args.option("--rows-per-page"))
    options.max_rows_per_page = positive_count_option("--rows-per-page", *rows);

  Sop sop = load_sop_file(args.positional[0]);
  std::optional<RenderFormat> chosen = render_format_named(*format);
  if (!chosen)
    throw UsageError{"unknown --format '" + *format + "': use svg, html, bpmn, dot or svg-pages"};
  const std::string text = render_sop(sop, *chosen, options);

  if (const std::string* out = args.option("--out")) {
    // Atomic, like every file sopkit writes: an old picture is replaced whole
    // or kept, and the error says why (a missing folder, no permission).
    write_file_atomically(*out, text);
  } else {
    data_output() << text;
  }
  return kExitOk;
}

}  // namespace sopkit::cli
