// render_format.cpp — one entry to every picture of an SOP, by format, for
// the CLI's render verb and the C ABI alike.
#include "sopkit/render.hpp"

namespace sopkit {

std::string render_sop(const Sop& sop, RenderFormat format, const RenderOptions& options) {
  switch (format) {
    case RenderFormat::svg:
      return render_sop_svg(sop, options);
    case RenderFormat::html:
      return render_sop_html(sop, options);
    case RenderFormat::bpmn:
      return render_sop_bpmn(sop, options);
    case RenderFormat::dot:
      return render_sop_dot(sop, options);
    case RenderFormat::svg_pages:
      return render_sop_svg_pages(sop, options);
  }
  return {};
}

std::optional<RenderFormat> render_format_named(std::string_view name) {
  if (name == "svg") return RenderFormat::svg;
  if (name == "html") return RenderFormat::html;
  if (name == "bpmn") return RenderFormat::bpmn;
  if (name == "dot") return RenderFormat::dot;
  if (name == "svg-pages") return RenderFormat::svg_pages;
  return std::nullopt;
}

}  // namespace sopkit
