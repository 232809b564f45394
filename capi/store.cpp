// store.cpp — C ABI for the record store (sopkit_store_*).
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "guard.hpp"
#include "handles.hpp"
#include "sopkit/sop_diff.hpp"
#include "sopkit/store.hpp"

struct sopkit_store {
  SOPKIT_HANDLE("sk-store", "sopkit_store");
  std::unique_ptr<sopkit::Store> store;
};

using sopkit::capi::guard;

namespace {

std::string or_empty(const char* s) {
  return s ? std::string(s) : std::string();
}

using sopkit::capi::copy_text;

}  // namespace

extern "C" {

int sopkit_store_open(sopkit_store** out, const char* path, unsigned flags) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(path);
  if (flags & ~(SOPKIT_STORE_READ_ONLY | SOPKIT_STORE_NO_CREATE))
    return sopkit::capi::invalid("unknown flag in sopkit_store_open");
  return guard([&]() -> int {
    sopkit::StoreOptions options;
    options.read_only = (flags & SOPKIT_STORE_READ_ONLY) != 0;
    options.create = (flags & SOPKIT_STORE_NO_CREATE) == 0;
    auto handle = std::make_unique<sopkit_store>();
    handle->store = sopkit::open_sqlite_store(path, options);
    *out = handle.release();
    return SOPKIT_OK;
  });
}

void sopkit_store_close(sopkit_store* store) {
  sopkit::capi::free_handle(store);
}

void sopkit_store_text_free(char* text) {
  sopkit_text_free(text);
}

int sopkit_store_put_revision(sopkit_store* store, const sopkit_sop* sop, const char* author,
                              const char* date, const char* note, int* out_revision) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(author);
  return guard([&]() -> int {
    sopkit::RevisionMeta meta;
    meta.author = author;
    meta.date = or_empty(date);
    meta.note = or_empty(note);
    auto info = store->store->put_revision(sop->sop.document(), meta);
    if (out_revision) *out_revision = info.revision;
    return SOPKIT_OK;
  });
}

int sopkit_store_revisions_json(sopkit_store* store, const char* sop_number, char** out_json) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    *out_json = copy_text(sopkit::revisions_to_json(store->store->revisions(or_empty(sop_number))));
    return SOPKIT_OK;
  });
}

int sopkit_store_get_revision(sopkit_store* store, const char* sop_number, int revision,
                              sopkit_sop** out) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(sop_number);
  SOPKIT_REQUIRE(out);
  if (revision < 0) return sopkit::capi::invalid("revision must be 0 (the latest) or above");
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_sop>();
    handle->sop = store->store->get_revision(sop_number, revision);
    *out = handle.release();
    return SOPKIT_OK;
  });
}

int sopkit_store_diff_json(sopkit_store* store, const char* sop_number, int from, int to,
                           char** out_json) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(sop_number);
  SOPKIT_REQUIRE(out_json);
  if (from < 0 || to < 0) return sopkit::capi::invalid("revisions must be 0 (the latest) or above");
  return guard([&]() -> int {
    *out_json = copy_text(sopkit::sop_diff_to_json(store->store->diff(sop_number, from, to)));
    return SOPKIT_OK;
  });
}

int sopkit_store_import_indicators(sopkit_store* store, const sopkit_indicators* set,
                                   const char* author, const char* reason, size_t* out_changed) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(set);
  SOPKIT_REQUIRE(author);
  return guard([&]() -> int {
    std::size_t n = store->store->import_indicators(*set->set, {author, or_empty(reason)});
    if (out_changed) *out_changed = n;
    return SOPKIT_OK;
  });
}

int sopkit_store_set_value(sopkit_store* store, const char* indicator, const char* period,
                           const char* field, double value, const char* author, const char* reason,
                           int* out_changed) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(indicator);
  SOPKIT_REQUIRE(period);
  SOPKIT_REQUIRE(field);
  SOPKIT_REQUIRE(author);
  return guard([&]() -> int {
    std::optional<double> v;
    if (!std::isnan(value)) v = value;
    std::size_t n =
        store->store->set_value(indicator, sopkit::Period::parse(period),
                                sopkit::parse_value_field(field), v, {author, or_empty(reason)});
    if (out_changed) *out_changed = n != 0;
    return SOPKIT_OK;
  });
}

int sopkit_store_indicators(sopkit_store* store, sopkit_indicators** out) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_indicators>(store->store->indicators());
    *out = handle.release();
    return SOPKIT_OK;
  });
}

int sopkit_store_audit_json(sopkit_store* store, const char* indicator, char** out_json) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    *out_json = copy_text(sopkit::audit_to_json(store->store->audit(or_empty(indicator))));
    return SOPKIT_OK;
  });
}

int sopkit_store_put_run(sopkit_store* store, const char* sop_number, int revision,
                         const char* case_id, const char* started_at, const char* finished_at,
                         const char* json, size_t len, int64_t* out_id) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(sop_number);
  SOPKIT_REQUIRE(json);
  if (revision < 0) return sopkit::capi::invalid("revision must be 0 (the latest) or above");
  return guard([&]() -> int {
    sopkit::StoredRun run{0,
                          sop_number,
                          revision,
                          or_empty(case_id),
                          or_empty(started_at),
                          or_empty(finished_at),
                          std::string(json, len)};
    std::int64_t id = store->store->put_run(run);
    if (out_id) *out_id = id;
    return SOPKIT_OK;
  });
}

int sopkit_store_runs_json(sopkit_store* store, const char* sop_number, char** out_json) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    *out_json = copy_text(sopkit::stored_runs_to_json(store->store->runs(or_empty(sop_number))));
    return SOPKIT_OK;
  });
}

int sopkit_store_put_report(sopkit_store* store, const char* kind, const char* name,
                            const char* sop_number, int revision, const void* content, size_t len,
                            int64_t* out_id) {
  SOPKIT_REQUIRE(store);
  SOPKIT_REQUIRE(kind);
  SOPKIT_REQUIRE(name);
  if (len && !content) return sopkit::capi::invalid("content is NULL with a length above 0");
  if (revision < 0) return sopkit::capi::invalid("revision must be 0 or above");
  return guard([&]() -> int {
    sopkit::ReportRecord r;
    r.kind = kind;
    r.name = name;
    r.sop_number = or_empty(sop_number);
    r.revision = revision;
    if (len) r.content.assign(static_cast<const char*>(content), len);
    std::int64_t id = store->store->put_report(r);
    if (out_id) *out_id = id;
    return SOPKIT_OK;
  });
}

}  // extern "C"
