// sop.hpp — the SOP document (Permendagri 52/2011, PermenPAN-RB 35/2012).
//
// SopDocument is the plain, editable value a host app fills in or an importer
// produces; Sop is its immutable, indexed form that analysis works on. A Sop is
// cheap to copy (it shares one read-only body) and safe to share between threads.
//
//   sopkit::SopDocument doc = ...;            // or sopkit::load_sop_file(path)
//   sopkit::Sop sop(std::move(doc));
//   for (const auto& f : sop.flows()) ...     // indexed graph, ready for analysis
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sopkit/duration.hpp"

namespace sopkit {

// Fields a document carries that this version of sopkit does not know. Kept as
// canonical JSON object text ("" when none) so that they survive a round trip.
using ExtraFields = std::string;

struct Organization {
  std::optional<std::string> government;  // "Pemerintah Kabupaten Balangan"
  std::optional<std::string> agency;      // "Dinas Pendidikan dan Kebudayaan"
  std::optional<std::string> unit;        // a Bidang or Seksi, when the SOP belongs to one
  ExtraFields extra;
  bool operator==(const Organization& o) const;
};

// One revision of the document (Tanggal Revisi).
struct Revision {
  std::string date;         // ISO date "2024-03-01"
  std::string description;  // what changed; may be empty
  bool operator==(const Revision& o) const {
    return date == o.date && description == o.description;
  }
};

struct DocumentDates {
  std::optional<std::string> created;    // Tanggal Pembuatan, ISO date
  std::vector<Revision> revised;         // Tanggal Revisi: none, one or many
  std::optional<std::string> effective;  // Tanggal Efektif / Pengesahan, ISO date
  ExtraFields extra;
  bool operator==(const DocumentDates& o) const;
};

struct Approval {
  std::optional<std::string> position;  // "Kepala Dinas ..."
  std::optional<std::string> name;
  std::optional<std::string> nip;  // civil-servant number, kept as text
  ExtraFields extra;
  bool operator==(const Approval& o) const;
};

// A pelaksana: one swimlane column.
struct Actor {
  std::string id;
  std::string name;
  ExtraFields extra;
  bool operator==(const Actor& o) const { return id == o.id && name == o.name && extra == o.extra; }
};

enum class StepKind : unsigned char { start, end, process, decision };

const char* step_kind_name(StepKind kind) noexcept;  // "start"
std::optional<StepKind> step_kind_from_name(std::string_view name) noexcept;

// One numbered activity with its mutu baku.
struct Step {
  std::string id;        // the document's number, as text ("1", "4a")
  std::string activity;  // uraian prosedur
  std::string actor;     // Actor::id
  StepKind kind = StepKind::process;
  std::vector<std::string> requirements;  // kelengkapan / persyaratan
  std::string time_text;                  // waktu as written; "" when the document has none
  std::optional<Duration> time;           // parsed waktu; empty when missing or unparseable
  std::string output;
  std::string note;  // keterangan
  // Flows. start/process: `next` (several ids = parallel branches).
  // decision: `yes` and `no` with optional labels ("Lengkap" / "Tidak lengkap").
  std::vector<std::string> next;
  std::string yes, no;
  std::string yes_label, no_label;
  std::optional<double> no_probability;  // chance of the *no* branch, for expected times
  ExtraFields extra;
  bool operator==(const Step& o) const;
};

struct SopDocument {
  std::string format = "sopkit.sop/1";
  std::string number;  // Nomor SOP
  std::string title;   // Judul SOP
  Organization organization;
  DocumentDates dates;
  Approval approval;
  // The six identity cells, each a list of lines.
  std::vector<std::string> legal_basis;     // Dasar Hukum
  std::vector<std::string> qualifications;  // Kualifikasi Pelaksana
  std::vector<std::string> related_sops;    // Keterkaitan
  std::vector<std::string> equipment;       // Peralatan/Perlengkapan
  std::vector<std::string> warnings;        // Peringatan
  std::vector<std::string> records;         // Pencatatan dan Pendataan
  std::vector<Actor> actors;
  std::vector<Step> steps;
  ExtraFields extra;
  bool operator==(const SopDocument& o) const;
  bool operator!=(const SopDocument& o) const { return !(*this == o); }
};

enum class FlowKind : unsigned char { next, yes, no };

// A resolved flow between two steps, by index into SopDocument::steps.
struct Flow {
  std::uint32_t from;
  std::uint32_t to;
  FlowKind kind;
};

inline constexpr std::uint32_t kNoIndex = 0xFFFFFFFFu;

// The immutable, indexed SOP. Construction never throws for rule violations
// (duplicate ids, dangling flows...): those are for validate() to report. Flows
// to unknown steps are left out of flows(); a duplicated id resolves to its
// first step.
class Sop {
 public:
  Sop();  // an empty document
  explicit Sop(SopDocument document);

  const SopDocument& document() const noexcept;
  std::size_t step_count() const noexcept;
  const Step& step(std::size_t index) const;  // throws Error{out_of_range}

  // Index of the step / actor with that id, or kNoIndex.
  std::uint32_t step_index(std::string_view id) const noexcept;
  std::uint32_t actor_index(std::string_view id) const noexcept;
  // Index of the actor of step `step_index`, or kNoIndex when unknown.
  std::uint32_t step_actor(std::size_t step_index) const noexcept;

  // All resolved flows, grouped by source step in step order.
  const std::vector<Flow>& flows() const noexcept;
  // Flows out of step `index`: [begin, end) into flows().
  std::pair<std::size_t, std::size_t> out_flows(std::size_t index) const noexcept;

  // Index of the first step of kind start, or kNoIndex.
  std::uint32_t start_index() const noexcept;

 private:
  struct Body;
  std::shared_ptr<const Body> body_;
};

}  // namespace sopkit
