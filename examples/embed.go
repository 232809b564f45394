// embed.go — sopkit from Go (bindings/go over cgo): what embed.c does. The
// seed SOP's standard time and due date on the 2024 working calendar, then
// the quarter's capaian kinerja.
//
//	go run embed.go examples/sop-monev-capaian-kinerja.json examples/indicators-disdikbud-2024.csv
//
// from a module whose go.mod requires github.com/sopkit/sopkit/bindings/go
// (docs/go.md: with a replace directive to a local checkout, no module proxy).
package main

import (
	"errors"
	"fmt"
	"os"

	sopkit "github.com/sopkit/sopkit/bindings/go"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintf(os.Stderr, "usage: %s SOP.json INDICATORS.csv\n", os.Args[0])
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		var e *sopkit.Error
		if errors.As(err, &e) {
			fmt.Fprintf(os.Stderr, "%s: %s\n", sopkit.StatusText(e.Status), e.Message)
		} else {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

func run(sopPath, indicatorsPath string) error {
	sop, err := sopkit.LoadSopFile(sopPath)
	if err != nil {
		return err
	}
	defer sop.Close()
	analysis, err := sop.Analyze()
	if err != nil {
		return err
	}
	fmt.Printf("standard time: %s (%.0f working minutes)\n", analysis.TotalText, analysis.TotalMinutes)

	calendar, err := sopkit.LoadCalendar("id-2024")
	if err != nil {
		return err
	}
	defer calendar.Close()
	start, err := sopkit.ParseInstant("2024-07-01T07:30")
	if err != nil {
		return err
	}
	due, _, err := sop.Schedule(calendar, start)
	if err != nil {
		return err
	}
	dueText, err := sopkit.FormatInstant(due)
	if err != nil {
		return err
	}
	fmt.Printf("started 2024-07-01T07:30, due %s\n", dueText)

	data, err := sopkit.LoadIndicatorsFile(indicatorsPath)
	if err != nil {
		return err
	}
	defer data.Close()
	evaluation, err := data.Evaluate(sopkit.EvaluateOptions{Period: "2024-Q2"})
	if err != nil {
		return err
	}
	defer evaluation.Close()
	rows, err := evaluation.Rows()
	if err != nil {
		return err
	}
	for _, row := range rows {
		if row.Reason == "" {
			fmt.Printf("%-8s %s %7.2f %% %s\n", row.Indicator, row.Period, row.Achievement, row.Predicate)
		} else {
			fmt.Printf("%-8s %s not computable (%s)\n", row.Indicator, row.Period, row.Reason)
		}
	}
	return nil
}
