package jail

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"seccanvas/doctor"
)

// TestCachedPreflight: the quick check's report is kept for the boot and
// read back only from a file and directory private to this user; anything
// another user could have written is ignored and the check runs live.
func TestCachedPreflight(t *testing.T) {
	ctx := context.Background()
	opts := doctor.Options{Root: "/", Policy: doctor.Standard, Quick: true}
	dir := filepath.Join(t.TempDir(), "cache")

	live, err := CachedPreflight(ctx, opts, dir)
	if err != nil {
		t.Fatal(err)
	}
	key, ok := preflightKey(opts)
	if !ok {
		t.Skip("no boot id or /proc/self/exe here: nothing is cached")
	}
	path := filepath.Join(dir, "preflight-"+key+".json")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no cache entry after a live check: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("cache entry mode %v, want 0600", fi.Mode().Perm())
	}
	if di, err := os.Stat(dir); err != nil || di.Mode().Perm() != 0o700 {
		t.Errorf("cache directory: %v, %v; want mode 0700", di, err)
	}
	again, err := CachedPreflight(ctx, opts, dir)
	if err != nil || !sameReport(t, live, again) {
		t.Fatalf("cached report differs from the live one (%v)", err)
	}

	// A forged entry: trusted only while private to this user.
	forged := live
	forged.Checks = append([]doctor.Check(nil), live.Checks...)
	forged.Checks[0].Why = "FORGED"
	plant := func(t *testing.T, mode os.FileMode) {
		t.Helper()
		b, _ := json.Marshal(forged)
		_ = os.Remove(path)
		if err := os.WriteFile(path, b, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
	}
	got := func() string {
		rep, err := CachedPreflight(ctx, opts, dir)
		if err != nil {
			t.Fatal(err)
		}
		return rep.Checks[0].Why
	}
	plant(t, 0o600)
	if got() != "FORGED" {
		t.Fatal("a private entry was not used: the cache never hits")
	}
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T)
	}{
		{"group-writable file", func(t *testing.T) { plant(t, 0o620) }},
		{"world-readable file", func(t *testing.T) { plant(t, 0o644) }},
		{"another user's file", func(t *testing.T) {
			if os.Geteuid() != 0 {
				t.Skip("needs root to give the file away")
			}
			plant(t, 0o600)
			if err := os.Chown(path, 65534, 65534); err != nil {
				t.Fatal(err)
			}
		}},
		{"symbolic link", func(t *testing.T) {
			elsewhere := filepath.Join(t.TempDir(), "x.json")
			b, _ := json.Marshal(forged)
			if err := os.WriteFile(elsewhere, b, 0o600); err != nil {
				t.Fatal(err)
			}
			_ = os.Remove(path)
			if err := os.Symlink(elsewhere, path); err != nil {
				t.Fatal(err)
			}
		}},
		{"open directory", func(t *testing.T) {
			plant(t, 0o600)
			if err := os.Chmod(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup(t)
			if why := got(); why == "FORGED" {
				t.Error("an entry others could have written was trusted")
			}
		})
	}

	// Other options are another entry.
	other := opts
	other.MinSequence = 1
	if k, _ := preflightKey(other); k == key {
		t.Error("the minimum sequence does not change the key")
	}
	other = opts
	other.Policy = doctor.Strict
	if k, _ := preflightKey(other); k == key {
		t.Error("the policy does not change the key")
	}
}

func sameReport(t *testing.T, a, b doctor.Report) bool {
	t.Helper()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// BenchmarkPreflight compares the quick check run live with its report
// read back from the boot's cache.
func BenchmarkPreflight(b *testing.B) {
	ctx := context.Background()
	opts := doctor.Options{Root: "/", Policy: doctor.Standard, Quick: true}
	b.Run("live", func(b *testing.B) {
		for b.Loop() {
			if _, err := Preflight(ctx, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "cache")
		if _, err := CachedPreflight(ctx, opts, dir); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := CachedPreflight(ctx, opts, dir); err != nil {
				b.Fatal(err)
			}
		}
	})
}
