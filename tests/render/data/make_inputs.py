#!/usr/bin/env python3
"""Writes the bad-input cases of the render tests (deterministic, no randomness):

  examples/sop-large-60-steps.json        60 steps, 12 actors with 80-character
                                          names, a decision whose *no* branch
                                          jumps back 20 steps
  tests/render/data/indicators-500.csv    500 indicator rows (125 indicators x 4
                                          quarters) across 3 Bidang, 6 Seksi

Run from the repository root: python3 tests/render/data/make_inputs.py
"""
import csv
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

VERBS = ["Menerima", "Memeriksa", "Mengolah", "Menyusun", "Membahas", "Memverifikasi",
         "Mengoreksi", "Menandatangani", "Mengarsipkan", "Mengirimkan"]
OBJECTS = ["berkas usulan kegiatan dari satuan pendidikan", "data capaian kinerja triwulan",
           "laporan realisasi fisik dan keuangan", "draf rekomendasi tindak lanjut hasil evaluasi",
           "dokumen Rencana Kerja Perangkat Daerah tahun berjalan"]


def actor_name(i):
    base = f"Kepala Seksi Kurikulum dan Penilaian Pendidikan Anak Usia Dini Wilayah {i + 1:02d} "
    name = (base + "Kecamatan Paringin Selatan Kabupaten Balangan")[:80]
    return name.ljust(80, ".")


def sop():
    actors = [{"id": f"a{i + 1}", "name": actor_name(i)} for i in range(12)]
    steps = []
    for i in range(60):
        n = i + 1
        step = {
            "id": str(n),
            "activity": f"{VERBS[i % len(VERBS)]} {OBJECTS[i % len(OBJECTS)]} (tahap {n})",
            "actor": f"a{(i * 5) % 12 + 1}",
            "kind": "process",
            "requirements": ["Berkas lengkap", "Formulir isian"] if i % 3 == 0 else ["Disposisi"],
            "time": ["15 Menit", "1 Jam", "2 hari", "1-3 Hari"][i % 4],
            "output": "Dokumen hasil pemeriksaan yang sudah diparaf",
            "note": "-" if i % 2 else "Lihat SOP Penyusunan Laporan Evaluasi Kinerja",
        }
        if n == 1:
            step["kind"] = "start"
        if n == 60:
            step["kind"] = "end"
        else:
            step["next"] = str(n + 1)
        steps.append(step)
    # Step 45 is a decision whose "no" goes back 20 steps, to step 25; step 30
    # one that returns to the first activity (the start step).
    for n, back, yes_label, no_label in [(45, 25, "Lengkap", "Tidak lengkap"), (30, 1, "", "")]:
        s = steps[n - 1]
        s.pop("next")
        s.update({"kind": "decision", "yes": str(n + 1), "no": str(back)})
        if yes_label:
            s.update({"yes_label": yes_label, "no_label": no_label})
    return {
        "format": "sopkit.sop/1",
        "number": "099/SOP/Disdikbud-BLG/2024",
        "title": "Verifikasi Berkas Usulan Bantuan Operasional Satuan Pendidikan Lintas Wilayah",
        "organization": {"government": "Pemerintah Kabupaten Balangan",
                         "agency": "Dinas Pendidikan dan Kebudayaan Kabupaten Balangan", "unit": None},
        "dates": {"created": "2024-01-02", "revised": None, "effective": "2024-01-15"},
        "approval": {"position": "Kepala Dinas Pendidikan dan Kebudayaan Kab. Balangan",
                     "name": "Contoh Nama Pejabat, S.Pd, M.AP", "nip": "19700101 199001 1 001"},
        "legal_basis": ["Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar "
                        "Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota"],
        "qualifications": ["Memahami petunjuk teknis bantuan operasional <dan> \"kode\" & tanda"],
        "related_sops": ["SOP Monitoring/Evaluasi Internal Capaian Kinerja"],
        "equipment": ["Perangkat Komputer"],
        "warnings": ["Berkas yang tidak lengkap dikembalikan kepada pengusul"],
        "records": ["Disimpan sebagai arsip"],
        "actors": actors,
        "steps": steps,
    }


def indicators():
    dinas = "Dinas Pendidikan dan Kebudayaan Kabupaten Balangan"
    units = [f"{dinas}/Bidang {b}/Seksi {s}" for b in ["Pembinaan SD", "Pembinaan SMP", "Kebudayaan"]
             for s in ["Kurikulum", "Sarana Prasarana"]]
    rows = []
    for k in range(125):
        unit = units[k % len(units)]
        polarity = ["positive", "negative", "positive", "positive"][k % 4]
        accumulation = ["last", "sum", "average", "last"][k % 4]
        target = 50 + (k * 7) % 60
        for q in range(1, 5):
            # Realisations swing from 40 % to 120 % of target; every 9th indicator
            # has no Q4 report yet, every 13th a zero target (not computable).
            real = None if (k % 9 == 0 and q == 4) else round(target * (0.4 + ((k * 13 + q * 7) % 81) / 100), 2)
            t = 0 if k % 13 == 0 else target
            budget = 100_000_000 + k * 1_000_000
            rows.append({
                "unit": unit, "indicator": f"IK-{k + 1:03d}",
                "name": f"Persentase satuan pendidikan yang memenuhi standar pelayanan minimal bidang {k + 1}",
                "satuan": "%", "polarity": polarity, "accumulation": accumulation,
                "weight": 1 + k % 3, "period": f"2024-Q{q}", "target": t,
                "realisation": "" if real is None else real,
                "budget": budget, "budget_realisation": round(budget * (0.15 + 0.2 * q + (k % 5) / 100)),
                "financial_plan": 25 * q, "physical_plan": 25 * q,
                "physical_realisation": 25 * q - (k % 17),
            })
    return rows


def main():
    with open(os.path.join(ROOT, "examples", "sop-large-60-steps.json"), "w", encoding="utf-8") as f:
        json.dump(sop(), f, ensure_ascii=False, indent=1)
        f.write("\n")
    rows = indicators()
    with open(os.path.join(ROOT, "tests", "render", "data", "indicators-500.csv"), "w",
              encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
