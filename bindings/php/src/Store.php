<?php

declare(strict_types=1);

namespace Sopkit;

use FFI;

/**
 * The SQLite record store (docs/store.md): SOP revisions, indicator values
 * with their audit trail, execution runs and reports. Every write is one
 * transaction. Nullable texts are "none" (NULL in the C call).
 */
final class Store extends Handle
{
    public const READ_ONLY = 1;
    public const NO_CREATE = 2;

    /** Opens (or creates) a store file; flags: READ_ONLY, NO_CREATE. */
    public static function open(string $path, int $flags = 0): self
    {
        return new self(self::make('sopkit_store', 'sopkit_store_open', $path, $flags), 'sopkit_store_close');
    }

    /** Records the document as the next revision of its SOP number; returns that number. */
    public function putRevision(Sop $sop, string $author, ?string $date = null, ?string $note = null): int
    {
        $ffi = Library::ffi();
        $rev = $ffi->new('int');
        Library::check($ffi->sopkit_store_put_revision($this->ptr(), $sop->cdata(), $author, $date, $note,
            FFI::addr($rev)));
        return (int) $rev->cdata;
    }

    /** @return list<array<string,mixed>> the revisions of one SOP (null: every SOP) */
    public function revisions(?string $sopNumber = null): array
    {
        return $this->ownedJson('sopkit_store_revisions_json', $sopNumber);
    }

    /** A stored revision (0 = the latest) as a new document. */
    public function revision(string $sopNumber, int $revision = 0): Sop
    {
        return Sop::fromPointer($this->handleOut('sopkit_sop', 'sopkit_store_get_revision', $sopNumber, $revision));
    }

    /** @return array<mixed> the "sopkit.sopdiff/1" diff from revision `from` to `to` (0 = the latest) */
    public function diff(string $sopNumber, int $from, int $to = 0): array
    {
        return $this->ownedJson('sopkit_store_diff_json', $sopNumber, $from, $to);
    }

    /** Records every indicator and value of the set; returns how many values changed. */
    public function importIndicators(IndicatorSet $set, string $author, ?string $reason = null): int
    {
        $ffi = Library::ffi();
        $changed = $ffi->new('size_t');
        Library::check($ffi->sopkit_store_import_indicators($this->ptr(), $set->cdata(), $author, $reason,
            FFI::addr($changed)));
        return (int) $changed->cdata;
    }

    /**
     * Sets one field ("target", "realisation", ...) of an (indicator, period)
     * row, null meaning blank, with an audit row; true when the value changed.
     */
    public function setValue(string $indicator, string $period, string $field, ?float $value, string $author,
        ?string $reason = null): bool
    {
        $ffi = Library::ffi();
        $changed = $ffi->new('int');
        Library::check($ffi->sopkit_store_set_value($this->ptr(), $indicator, $period, $field, $value ?? NAN,
            $author, $reason, FFI::addr($changed)));
        return $changed->cdata !== 0;
    }

    /** Every stored indicator with its latest values. */
    public function indicators(): IndicatorSet
    {
        return IndicatorSet::fromPointer($this->handleOut('sopkit_indicators', 'sopkit_store_indicators'));
    }

    /** @return list<array<string,mixed>> the audit trail of one indicator (null: all), oldest first */
    public function audit(?string $indicator = null): array
    {
        return $this->ownedJson('sopkit_store_audit_json', $indicator);
    }

    /**
     * Records a run document (an array, stored as its JSON object) of an SOP
     * revision (0 = the latest); returns its id.
     * @param array<mixed> $document
     */
    public function putRun(string $sopNumber, int $revision, array $document, ?string $caseId = null,
        ?string $startedAt = null, ?string $finishedAt = null): int
    {
        $json = json_encode((object) $document, JSON_THROW_ON_ERROR);
        $ffi = Library::ffi();
        $id = $ffi->new('int64_t');
        Library::check($ffi->sopkit_store_put_run($this->ptr(), $sopNumber, $revision, $caseId, $startedAt,
            $finishedAt, $json, strlen($json), FFI::addr($id)));
        return (int) $id->cdata;
    }

    /** @return list<array<string,mixed>> the recorded runs of one SOP (null: all) */
    public function runs(?string $sopNumber = null): array
    {
        return $this->ownedJson('sopkit_store_runs_json', $sopNumber);
    }

    /** Records a generated report (any bytes) and the SOP revision it came from; returns its id. */
    public function putReport(string $kind, string $name, string $content, ?string $sopNumber = null,
        int $revision = 0): int
    {
        $ffi = Library::ffi();
        $id = $ffi->new('int64_t');
        Library::check($ffi->sopkit_store_put_report($this->ptr(), $kind, $name, $sopNumber, $revision, $content,
            strlen($content), FFI::addr($id)));
        return (int) $id->cdata;
    }

    /**
     * The new handle of `fn(store, ...args, type** out)`.
     * @param mixed ...$args
     */
    private function handleOut(string $type, string $fn, ...$args): FFI\CData
    {
        $ffi = Library::ffi();
        $out = $ffi->new("$type*");
        Library::check($ffi->$fn($this->ptr(), ...[...$args, FFI::addr($out)]));
        return $out;
    }

    /**
     * The caller's JSON text of `fn(store, ...args, char** out)`, decoded and released.
     * @param mixed ...$args
     * @return array<mixed>
     */
    private function ownedJson(string $fn, ...$args): array
    {
        $ffi = Library::ffi();
        $out = $ffi->new('char*');
        Library::check($ffi->$fn($this->ptr(), ...[...$args, FFI::addr($out)]));
        try {
            return json_decode(FFI::string($out), true, 512, JSON_THROW_ON_ERROR);
        } finally {
            $ffi->sopkit_text_free($out);
        }
    }
}
