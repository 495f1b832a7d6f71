package script

import "testing"

// TestAssetPath: a script's reference resolves as a browser's URL parser
// resolves it (checked with Chromium's new URL(ref, base).pathname): %2e is
// a dot in a dot segment ("%2e%2e/x" is "../x", which cannot climb above
// the root), a backslash is a slash in an http URL, and an encoded slash is
// not a separator. The host is then asked for the decoded path: "..%2f"
// decodes to "../", which the host refuses (jail's tests), as it refuses
// anything that leaves the granted directory.
func TestAssetPath(t *testing.T) {
	const root = "http://localhost/"
	tests := []struct {
		base, ref string
		want      string
		ok        bool
	}{
		{root, "img/a.png", "img/a.png", true},
		{root, "../secret.txt", "secret.txt", true},
		{root, "%2e%2e/secret.txt", "secret.txt", true},
		{root, "%2E%2E/secret.txt", "secret.txt", true},
		{root, "img/%2E%2E/%2E%2E/secret.txt", "secret.txt", true},
		{root, "img/.%2e/x.png", "x.png", true},
		{root, "img/%2e./x.png", "x.png", true},
		{root, "img/%2e/x.png", "img/x.png", true},
		{root, "img/%2e%2E", "", true},
		{root, "%2e%2e", "", true},
		{root, "img/%2e%2e?x=1#f", "", true},
		{root, "img/%2E%2e/%2e%2E/%2e%2e/x", "x", true},
		{"http://localhost/dir/page.html", "%2e%2e/x", "x", true},
		{"http://localhost/a/b/page.html", ".%2e/x", "a/x", true},
		{root, "http://localhost/%2e%2e/x", "x", true},
		{root, "http://localhost/a/../b", "b", true},
		// A backslash is a slash in an http URL.
		{root, "..\\secret.txt", "secret.txt", true},
		{root, "img\\..\\..\\x.png", "x.png", true},
		// An encoded slash is part of its segment: no dot segment here, but
		// the decoded path climbs, and the host refuses it.
		{root, "..%2fsecret.txt", "../secret.txt", true},
		{root, "..%2Fsecret.txt", "../secret.txt", true},
		{root, "%2e%2e%2fsecret.txt", "../secret.txt", true},
		{root, "%2E%2E%2F", "../", true},
		{root, "/..%2f..%2fetc/passwd", "../../etc/passwd", true},
		// Not dot segments.
		{root, ".../x", ".../x", true},
		{root, "%2e%2e%2e/x", ".../x", true},
		{root, "%252e%252e/x", "%2e%2e/x", true},
		// Another origin is never asked for.
		{root, "//other/x", "", false},
		{root, "http://other/x", "", false},
		{root, "https://localhost/x", "", false},
		{root, "data:,x", "", false},
	}
	for _, tc := range tests {
		got, ok := AssetPath(tc.base, tc.ref)
		if got != tc.want || ok != tc.ok {
			t.Errorf("AssetPath(%q, %q) = %q, %v; want %q, %v", tc.base, tc.ref, got, ok, tc.want, tc.ok)
		}
	}
}
