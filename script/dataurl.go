package script

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
)

// DataURL is a decoded data: URL.
type DataURL struct {
	// MIME is the media type without parameters, lower case
	// ("text/plain" when the URL names none).
	MIME string
	// Data is the body after percent- and base64-decoding.
	Data []byte
}

// maxDataURL bounds the length of a data: URL decoded in-process; larger
// ones fail as a network error would. Chromium allows 2 GiB; scripts that
// embed assets stay far below this.
const maxDataURL = 64 << 20

// ParseDataURL decodes a data: URL as the WHATWG fetch spec's data: URL
// processor does: the media type up to the first comma, ";base64" at its
// end selecting forgiving base64 for the percent-decoded body.
func ParseDataURL(u string) (*DataURL, error) {
	if len(u) > maxDataURL {
		return nil, errors.New("data: URL too long")
	}
	if len(u) < 5 || !strings.EqualFold(u[:5], "data:") {
		return nil, errors.New("not a data: URL")
	}
	rest := u[5:]
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	comma := strings.IndexByte(rest, ',')
	if comma < 0 {
		return nil, errors.New("data: URL without a comma")
	}
	mt := strings.TrimSpace(rest[:comma])
	body, err := url.PathUnescape(strings.ReplaceAll(rest[comma+1:], "+", "%2B"))
	if err != nil {
		// A stray % is kept as is, as the spec's percent-decode does.
		body = rest[comma+1:]
	}
	b64 := false
	if i := strings.LastIndexByte(mt, ';'); i >= 0 && strings.EqualFold(strings.TrimSpace(mt[i+1:]), "base64") {
		b64 = true
		mt = mt[:i]
	}
	data := []byte(body)
	if b64 {
		data, err = forgivingBase64(body)
		if err != nil {
			return nil, err
		}
	}
	mime := strings.ToLower(strings.TrimSpace(mt))
	if i := strings.IndexByte(mime, ';'); i >= 0 {
		mime = strings.TrimSpace(mime[:i])
	}
	if mime == "" || !strings.Contains(mime, "/") {
		mime = "text/plain"
	}
	return &DataURL{MIME: mime, Data: data}, nil
}

// forgivingBase64 is the WHATWG "forgiving-base64 decode" (atob and data:
// URLs): ASCII whitespace is ignored, padding is optional.
func forgivingBase64(s string) ([]byte, error) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\f', '\r':
		default:
			b.WriteByte(c)
		}
	}
	t := b.String()
	if len(t)%4 == 0 {
		t = strings.TrimSuffix(t, "=")
		t = strings.TrimSuffix(t, "=")
	}
	if len(t)%4 == 1 || strings.ContainsRune(t, '=') {
		return nil, errors.New("invalid base64")
	}
	out, err := base64.RawStdEncoding.Strict().DecodeString(t)
	if err != nil {
		// Strict rejects non-zero trailing bits, which the spec allows.
		out, err = base64.RawStdEncoding.DecodeString(t)
	}
	return out, err
}
