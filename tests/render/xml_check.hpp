// xml_check.hpp — a small XML well-formedness checker for the render tests, so
// that they need no XML library: balanced tags, quoted attributes, no stray
// '<' or '&', only the predefined and numeric entities.
#pragma once

#include <cctype>
#include <string>
#include <vector>

namespace sopkit::test {

// "" when `xml` is well-formed, else what is wrong and at which byte.
inline std::string xml_problem(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = 0, roots = 0;
  auto fail = [&](const std::string& what) { return what + " at byte " + std::to_string(i); };
  auto check_text = [&](std::size_t b, std::size_t e) -> std::string {
    for (std::size_t k = b; k < e; ++k) {
      if (xml[k] == '<') return "stray '<'";
      if (xml[k] != '&') continue;
      std::size_t semi = xml.find(';', k);
      if (semi == std::string::npos || semi > e) return "unterminated entity";
      std::string ent = xml.substr(k + 1, semi - k - 1);
      if (ent != "amp" && ent != "lt" && ent != "gt" && ent != "quot" && ent != "apos" &&
          !(ent.size() > 1 && ent[0] == '#'))
        return "unknown entity &" + ent + ";";
    }
    return {};
  };
  while (i < xml.size()) {
    std::size_t lt = xml.find('<', i);
    std::size_t text_end = lt == std::string::npos ? xml.size() : lt;
    if (std::string p = check_text(i, text_end); !p.empty()) return fail(p);
    if (lt == std::string::npos) break;
    i = lt;
    if (xml.compare(i, 4, "<!--") == 0) {
      std::size_t e = xml.find("-->", i);
      if (e == std::string::npos) return fail("unterminated comment");
      i = e + 3;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) {
      std::size_t e = xml.find("?>", i);
      if (e == std::string::npos) return fail("unterminated declaration");
      i = e + 2;
      continue;
    }
    bool closing = xml.compare(i, 2, "</") == 0;
    std::size_t k = i + (closing ? 2 : 1);
    std::size_t name_begin = k;
    while (k < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[k])) || xml[k] == ':' ||
                              xml[k] == '-' || xml[k] == '_' || xml[k] == '.'))
      ++k;
    std::string name = xml.substr(name_begin, k - name_begin);
    if (name.empty()) return fail("tag without a name");
    if (closing) {
      while (k < xml.size() && std::isspace(static_cast<unsigned char>(xml[k]))) ++k;
      if (k >= xml.size() || xml[k] != '>') return fail("bad end tag");
      if (open.empty() || open.back() != name) return fail("end tag </" + name + "> unmatched");
      open.pop_back();
      i = k + 1;
      continue;
    }
    // Attributes: name="value" (or 'value').
    for (;;) {
      while (k < xml.size() && std::isspace(static_cast<unsigned char>(xml[k]))) ++k;
      if (k >= xml.size()) return fail("unterminated tag <" + name);
      if (xml[k] == '>' || xml.compare(k, 2, "/>") == 0) break;
      std::size_t a = k;
      while (k < xml.size() && xml[k] != '=' && !std::isspace(static_cast<unsigned char>(xml[k])) &&
             xml[k] != '>')
        ++k;
      if (k == a || k >= xml.size() || xml[k] != '=') return fail("attribute without a value");
      ++k;
      if (k >= xml.size() || (xml[k] != '"' && xml[k] != '\'')) return fail("unquoted attribute");
      char q = xml[k];
      std::size_t e = xml.find(q, k + 1);
      if (e == std::string::npos) return fail("unterminated attribute");
      if (std::string p = check_text(k + 1, e); !p.empty()) return fail(p + " in an attribute");
      k = e + 1;
    }
    bool empty = xml[k] == '/';
    if (open.empty()) ++roots;
    if (!empty) open.push_back(name);
    i = k + (empty ? 2 : 1);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  if (roots != 1) return "expected one root element, found " + std::to_string(roots);
  return {};
}

}  // namespace sopkit::test
