package script

import (
	"os"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestSourceMapsNotRead checks that a "//# sourceMappingURL=" comment makes
// the engine open no file, in a script, in new Function and in eval: goja's
// parser reads the named file from disk, which the jail's filter punishes
// with a kill (Chart.js's dist files end with such a comment) and which
// would let a script make the engine read any file. inotify sees the open.
func TestSourceMapsNotRead(t *testing.T) {
	// goja resolves the URL against the script's name: a relative one
	// names a file in the working directory.
	t.Chdir(t.TempDir())
	const smap = "x.js.map"
	if err := os.WriteFile(smap, []byte(`{"version":3,"file":"test.js","sources":["original.ts"],"names":[],"mappings":"AAAA"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		t.Skipf("inotify: %v", err)
	}
	defer unix.Close(fd)
	if _, err := unix.InotifyAddWatch(fd, smap, unix.IN_OPEN); err != nil {
		t.Skipf("inotify: %v", err)
	}
	comment := "\n//# sourceMappingURL=" + smap + "\n"
	for _, src := range []string{
		"null.x;" + comment,
		"new Function(" + strconv.Quote("null.x;"+comment) + ")();",
		"eval(" + strconv.Quote("null.x;"+comment) + ");",
	} {
		r, err := New(Options{TaskBudget: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if errs := r.RunMain("test.js", src); len(errs) != 1 {
			t.Errorf("%s: errors %v", src, errs)
		}
		buf := make([]byte, 4096)
		if n, _ := unix.Read(fd, buf); n > 0 {
			t.Errorf("the engine opened the source map of %s", src)
		}
	}
}
