package script

import (
	"net/url"
	"strings"
)

// AssetPath returns what the host is asked for when a script loads ref
// (fetch, an image's src, a font's url(), importScripts): the URL resolved
// against base (the document's location), if it has base's origin, as its
// percent-decoded path without the leading slashes ("img/a.png"). Query and
// fragment are dropped. Resolution removes dot segments, so "../x"
// requests "x", as a browser would ask a server. ok is false for another
// origin or a URL that does not parse: the request fails without asking the
// host.
func AssetPath(base, ref string) (path string, ok bool) {
	b, err := url.Parse(base)
	if err != nil {
		return "", false
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", false
	}
	u := b.ResolveReference(r)
	if u.Scheme != b.Scheme || u.Host != b.Host || u.User != nil {
		return "", false
	}
	return strings.TrimLeft(u.Path, "/"), true
}

// Location returns the document URL (Options.Location or its default).
func (r *Runtime) Location() string {
	if r.opts.Location == "" {
		return defaultLocation
	}
	return r.opts.Location
}
