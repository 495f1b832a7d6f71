package script

import (
	"net/url"
	"strings"
)

// AssetPath returns what the host is asked for when a script loads ref
// (fetch, an image's src, a font's url(), importScripts): the URL resolved
// against base (the document's location) as a browser resolves it, if it
// has base's origin, as its percent-decoded path without the leading
// slashes ("img/a.png"). Query and fragment are dropped. Resolution removes
// dot segments, "%2e" ones included, so "../x" and "%2e%2e/x" request "x",
// as a browser would ask a server. An encoded slash is no separator while
// resolving but is decoded in the answer ("..%2fx" asks for "../x", which
// the host refuses: it checks every path it is asked for). ok is false for
// another origin or a URL that does not parse: the request fails without
// asking the host.
func AssetPath(base, ref string) (path string, ok bool) {
	b, err := url.Parse(base)
	if err != nil {
		return "", false
	}
	u, err := resolveURL(b, strings.TrimSpace(ref))
	if err != nil || u.Scheme != b.Scheme || u.Host != b.Host || u.User != nil {
		return "", false
	}
	return strings.TrimLeft(u.Path, "/"), true
}

// resolveURL parses ref and resolves it against base (nil: ref must be
// absolute), with dot segments removed. Where Go's net/url and the WHATWG
// URL parser differ in how a browser would resolve a path, it follows the
// browser (see whatwgPath).
func resolveURL(base *url.URL, ref string) (*url.URL, error) {
	special := base != nil && isSpecialScheme(base.Scheme)
	r, err := url.Parse(whatwgPath(ref, special))
	if err != nil {
		return nil, err
	}
	if base == nil {
		// Resolving against itself removes the dot segments.
		return r.ResolveReference(&url.URL{}), nil
	}
	return base.ResolveReference(r), nil
}

// isSpecialScheme reports whether scheme is one of the WHATWG URL
// standard's special schemes.
func isSpecialScheme(scheme string) bool {
	switch strings.ToLower(scheme) {
	case "http", "https", "ws", "wss", "ftp", "file":
		return true
	}
	return false
}

// whatwgPath rewrites the path of ref, in a special URL (its own scheme's,
// or baseSpecial for a relative one), as the WHATWG URL parser reads it: a
// backslash is a slash, and a segment that is "%2e" is ".", and one of
// ".%2e", "%2e." and "%2e%2e" (any case) is "..", so that resolution
// removes them ("%2e%2e/x" is "../x"). Query and fragment are kept as
// they are. An encoded slash stays encoded: "..%2fx" is one segment.
func whatwgPath(ref string, baseSpecial bool) string {
	end := len(ref)
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		end = i
	}
	head, tail := ref[:end], ref[end:]
	special, start := baseSpecial, 0
	if i := schemeEnd(head); i > 0 {
		special, start = isSpecialScheme(head[:i]), i+1
	}
	if !special {
		return ref
	}
	head = head[:start] + strings.ReplaceAll(head[start:], `\`, "/")
	if strings.HasPrefix(head[start:], "//") {
		j := strings.IndexByte(head[start+2:], '/')
		if j < 0 {
			return head + tail // an authority and no path
		}
		start += 2 + j
	}
	segs := strings.Split(head[start:], "/")
	for i, s := range segs {
		switch strings.ToLower(s) {
		case "%2e":
			segs[i] = "."
		case ".%2e", "%2e.", "%2e%2e":
			segs[i] = ".."
		}
	}
	return head[:start] + strings.Join(segs, "/") + tail
}

// schemeEnd returns the index of the colon that ends s's scheme, or -1
// when s does not start with a scheme (ALPHA *(ALPHA / DIGIT / "+" / "-"
// / ".") ":").
func schemeEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return i
		default:
			return -1
		}
	}
	return -1
}

// Location returns the document URL (Options.Location or its default).
func (r *Runtime) Location() string {
	if r.opts.Location == "" {
		return defaultLocation
	}
	return r.opts.Location
}
