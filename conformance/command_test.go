package conformance

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for the seccanvas CLI: with
// CONFORMANCE_FAKE_CLI set it parses the contract's command line, copies the
// reference PNG (or log) of the case to the output, and exits.
func TestMain(m *testing.M) {
	if mode := os.Getenv("CONFORMANCE_FAKE_CLI"); mode != "" {
		os.Exit(fakeCLI(mode, os.Args[1:]))
	}
	os.Exit(m.Run())
}

func fakeCLI(mode string, args []string) int {
	if len(args) == 0 || args[0] != "run" {
		fmt.Fprintln(os.Stderr, "usage: run --headless ...")
		return 2
	}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.Bool("headless", false, "")
	size := fs.String("size", "", "")
	frames := fs.Int("frames", 1, "")
	out := fs.String("out", "", "")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() != 1 {
		return 2
	}
	script := fs.Arg(0)
	name := strings.TrimSuffix(script[strings.LastIndex(script, "/cases/")+len("/cases/"):], ".js")
	if mode == "fail" {
		fmt.Fprintf(os.Stderr, "error: %s size %s frames %d\n", name, *size, *frames)
		return 1
	}
	ref := strings.Replace(strings.TrimSuffix(script, ".js"), "/cases/", "/ref/", 1)
	if txt, err := os.ReadFile(ref + ".txt"); err == nil {
		os.Stdout.Write(txt)
		return 0
	}
	src, err := os.Open(ref + ".png")
	if err != nil {
		return 1
	}
	defer src.Close()
	dst, err := os.Create(*out)
	if err != nil {
		return 1
	}
	defer dst.Close()
	if _, err := io.Copy(dst, src); err != nil {
		return 1
	}
	return 0
}

func TestCommand(t *testing.T) {
	cases, err := LoadSuite(suiteDir)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// Two drawing cases and a behavior case are enough to exercise the
	// command line.
	var pick []Case
	for _, c := range cases {
		if c.Name == "rect/fill_clear_grid" || c.Name == "text/filltext_24px" || c.Name == "behavior/raf_basics" {
			pick = append(pick, c)
		}
	}
	tests := []struct {
		mode string
		pass int
	}{{"ok", 3}, {"fail", 0}}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Setenv("CONFORMANCE_FAKE_CLI", tt.mode)
			r := Runner{Run: Command(self), Parallel: 2}
			rep, err := r.RunAll(context.Background(), pick)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Passed() != tt.pass || len(rep.Outcomes) != 3 {
				t.Errorf("passed %d of %d, want %d\n%s", rep.Passed(), len(rep.Outcomes), tt.pass, rep)
			}
			if tt.mode == "fail" {
				for _, o := range rep.Outcomes {
					if o.Err == nil || !strings.Contains(o.Err.Error(), "frames") {
						t.Errorf("%s: error %v does not carry the CLI's stderr", o.Case.Name, o.Err)
					}
				}
			}
		})
	}
}
