// Package conformance runs the Canvas 2D conformance suite and scores its
// results exactly as testdata/conformance/README.md defines: drawing cases are
// compared with Chromium's PNGs under the strict, blur or text tolerance, and
// behavior cases compare console.log output line by line.
//
// The package does not know how a case is executed: a Runner calls a
// caller-supplied RunFunc, which may be the jailed seccanvas CLI (Command) or
// an in-process interpreter (the inprocess subpackage):
//
//	cases, _ := conformance.LoadSuite("testdata/conformance")
//	r := conformance.Runner{Run: conformance.Command("/path/to/seccanvas"), DiffDir: "/tmp/diffs"}
//	rep, _ := r.RunAll(ctx, cases)
//	fmt.Print(rep) // per-area counts, then each failure with its metrics
//
// The suite in testdata/conformance is a copy of /work/shared/conformance;
// `go generate ./conformance` (refresh.sh) copies it again.
package conformance

//go:generate sh refresh.sh

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"seccanvas/renderer/geom"
	"sort"
	"strconv"
	"strings"
	"time"
)

// CaseTimeout is the longest a single case may run, per the script contract.
// RunFuncs are expected to enforce it.
const CaseTimeout = 20 * time.Second

// Tolerance is the class of the pass metric applied to a drawing case.
type Tolerance uint8

// The tolerance classes of the README's pass metric.
const (
	Strict Tolerance = iota // pixel comparison, 3x3 edge excuse, threshold 16
	Blur                    // like Strict with looser limits, for shadowBlur
	Text                    // ink box, amount and colour instead of pixels
)

// String returns the name used in case headers and the manifest.
func (t Tolerance) String() string {
	switch t {
	case Strict:
		return "strict"
	case Blur:
		return "blur"
	case Text:
		return "text"
	}
	return "tolerance(" + strconv.Itoa(int(t)) + ")"
}

// ParseTolerance parses a tolerance class name.
func ParseTolerance(s string) (Tolerance, error) {
	switch strings.TrimSpace(s) {
	case "strict", "":
		return Strict, nil
	case "blur":
		return Blur, nil
	case "text":
		return Text, nil
	}
	return 0, fmt.Errorf("conformance: unknown tolerance %q", s)
}

// Kind says what output a case is judged on.
type Kind uint8

// The output kinds of a case.
const (
	PNG Kind = iota // the canvas after the script, compared with ref/<case>.png
	TXT             // stdout, compared with ref/<case>.txt
)

// String returns "png" or "txt" as in the manifest.
func (k Kind) String() string {
	if k == TXT {
		return "txt"
	}
	return "png"
}

// Header is what the leading `//` comment lines of a case script declare.
type Header struct {
	Width, Height int       // from "// size: WxH" (required)
	Tolerance     Tolerance // from "// tolerance:", Strict when absent
	Frames        int       // from "// frames:", 1 when absent
	Checks        string    // from "// checks:", free text
}

// ParseHeader reads the header comments at the start of a case script. It
// stops at the first line that is not a `//` comment.
func ParseHeader(src []byte) (Header, error) {
	h := Header{Frames: 1}
	sawSize := false
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "//") {
			break
		}
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "//")), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "size":
			w, hh, err := parseSize(val)
			if err != nil {
				return h, err
			}
			h.Width, h.Height, sawSize = w, hh, true
		case "tolerance":
			t, err := ParseTolerance(val)
			if err != nil {
				return h, err
			}
			h.Tolerance = t
		case "frames":
			n, err := strconv.Atoi(val)
			if err != nil || n < 1 {
				return h, fmt.Errorf("conformance: bad frames %q", val)
			}
			h.Frames = n
		case "checks":
			h.Checks = val
		}
	}
	if !sawSize {
		return h, fmt.Errorf("conformance: missing // size: header")
	}
	return h, nil
}

func parseSize(s string) (int, int, error) {
	w, h, err := geom.ParseSize(s)
	if err != nil {
		return 0, 0, fmt.Errorf("conformance: %w", err)
	}
	return w, h, nil
}

// Case is one conformance case, as listed in ref/manifest.tsv.
type Case struct {
	Name   string // "<area>/<name>", e.g. "rect/fill_clear_grid"
	Area   string // the part before the slash
	Script string // absolute path of cases/<Name>.js
	Ref    string // absolute path of ref/<Name>.png or .txt
	Source []byte // the script's text
	Header
	Kind Kind
}

// LoadSuite reads dir/ref/manifest.tsv and every case it lists. It checks that
// each script's header agrees with its manifest row.
func LoadSuite(dir string) ([]Case, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	mf, err := os.ReadFile(filepath.Join(dir, "ref", "manifest.tsv"))
	if err != nil {
		return nil, err
	}
	rows, err := ParseManifest(mf)
	if err != nil {
		return nil, err
	}
	cases := make([]Case, 0, len(rows))
	for _, r := range rows {
		c := r
		c.Script = filepath.Join(dir, "cases", filepath.FromSlash(c.Name)+".js")
		c.Ref = filepath.Join(dir, "ref", filepath.FromSlash(c.Name)+"."+c.Kind.String())
		c.Source, err = os.ReadFile(c.Script)
		if err != nil {
			return nil, err
		}
		h, err := ParseHeader(c.Source)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		if h.Width != c.Width || h.Height != c.Height || h.Tolerance != c.Tolerance || h.Frames != c.Frames {
			return nil, fmt.Errorf("conformance: %s: header %dx%d %v frames %d disagrees with manifest %dx%d %v frames %d",
				c.Name, h.Width, h.Height, h.Tolerance, h.Frames, c.Width, c.Height, c.Tolerance, c.Frames)
		}
		c.Checks = h.Checks
		if _, err := os.Stat(c.Ref); err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Name < cases[j].Name })
	return cases, nil
}

// ParseManifest parses ref/manifest.tsv: a "#" header line, then one row per
// case with the columns case, size, tolerance, frames, kind. Paths are left
// empty.
func ParseManifest(data []byte) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("conformance: manifest line %d: want 5 tab-separated fields, got %d", n, len(f))
		}
		var c Case
		c.Name = f[0]
		area, _, ok := strings.Cut(c.Name, "/")
		if !ok || area == "" {
			return nil, fmt.Errorf("conformance: manifest line %d: case %q has no area", n, c.Name)
		}
		c.Area = area
		var err error
		if c.Width, c.Height, err = parseSize(f[1]); err != nil {
			return nil, fmt.Errorf("manifest line %d: %w", n, err)
		}
		if c.Tolerance, err = ParseTolerance(f[2]); err != nil {
			return nil, fmt.Errorf("manifest line %d: %w", n, err)
		}
		if c.Frames, err = strconv.Atoi(f[3]); err != nil || c.Frames < 1 {
			return nil, fmt.Errorf("conformance: manifest line %d: bad frames %q", n, f[3])
		}
		switch f[4] {
		case "png":
			c.Kind = PNG
		case "txt":
			c.Kind = TXT
		default:
			return nil, fmt.Errorf("conformance: manifest line %d: bad kind %q", n, f[4])
		}
		cases = append(cases, c)
	}
	return cases, sc.Err()
}
