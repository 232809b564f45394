// svg_canvas.hpp — a tiny SVG writer for the renderers: shapes and escaped
// text appended to a string, numbers with one decimal.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "sopkit/render.hpp"

namespace sopkit::detail {

inline std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s(buf);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

struct SvgCanvas {
  std::string out;

  void rect(double x, double y, double w, double h, std::string_view style,
            std::string_view extra = {}) {
    out += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" +
           num(h) + "\" style=\"" + std::string(style) + "\"";
    if (!extra.empty()) out += " " + std::string(extra);
    out += "/>\n";
  }
  void line(double x1, double y1, double x2, double y2, std::string_view style = "stroke:#000") {
    out += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" +
           num(y2) + "\" style=\"" + std::string(style) + "\"/>\n";
  }
  // anchor: "start", "middle", "end".
  void text(double x, double y, std::string_view s, double size, std::string_view anchor = "start",
            bool bold = false, std::string_view fill = {}) {
    out += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(size) + "\"";
    if (anchor != "start") out += " text-anchor=\"" + std::string(anchor) + "\"";
    if (bold) out += " font-weight=\"bold\"";
    if (!fill.empty()) out += " fill=\"" + std::string(fill) + "\"";
    out += ">" + xml_escape(s) + "</text>\n";
  }
  // Lines from the top edge `y` of a block; returns the y below the last line.
  double lines(double x, double y, const std::vector<std::string>& ls, double size, double leading,
               std::string_view anchor = "start", bool bold = false) {
    for (const auto& l : ls) {
      text(x, y + size, l, size, anchor, bold);
      y += leading;
    }
    return y;
  }
  void polyline(const std::vector<Point>& pts, std::string_view style,
                std::string_view extra = {}) {
    out += "<polyline points=\"";
    for (std::size_t i = 0; i < pts.size(); ++i) {
      if (i) out += ' ';
      out += num(pts[i].x) + "," + num(pts[i].y);
    }
    out += "\" style=\"" + std::string(style) + "\"";
    if (!extra.empty()) out += " " + std::string(extra);
    out += "/>\n";
  }
  void polygon(const std::vector<Point>& pts, std::string_view style, std::string_view extra = {}) {
    out += "<polygon points=\"";
    for (std::size_t i = 0; i < pts.size(); ++i) {
      if (i) out += ' ';
      out += num(pts[i].x) + "," + num(pts[i].y);
    }
    out += "\" style=\"" + std::string(style) + "\"";
    if (!extra.empty()) out += " " + std::string(extra);
    out += "/>\n";
  }
};

}  // namespace sopkit::detail
