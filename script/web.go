package script

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// ErrNotFound is the error a Fetch implementation delivers for a granted
// directory's missing file: fetch() then resolves with a 404 Response, as a
// server would answer, instead of rejecting. Other errors reject.
var ErrNotFound = errors.New("not found")

// defaultLocation is the document URL when Options.Location is empty.
const defaultLocation = "http://localhost/"

// installWeb defines the web platform globals that are not the canvas:
// fetch and Response, Blob, TextEncoder/TextDecoder, atob/btoa, URL and
// URLSearchParams, structuredClone, navigator, location, screen,
// devicePixelRatio, matchMedia, Intl and importScripts. The logic that is
// plain JavaScript lives in webJS; the natives it calls are the ones that
// need Go (bytes, base64, URL parsing, the host).
func (r *Runtime) installWeb() error {
	vm := r.vm
	n := vm.NewObject()
	loc := r.Location()
	ratio := r.opts.PixelRatio
	if ratio <= 0 {
		ratio = 1
	}
	defs := []struct {
		name string
		v    any
	}{
		{"location", loc},
		{"pixelRatio", ratio},
		{"utf8Encode", func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(vm.NewArrayBuffer([]byte(call.Argument(0).String())))
		}},
		{"decode", r.nativeDecode},
		{"btoa", func(call goja.FunctionCall) goja.Value {
			s := call.Argument(0).String()
			b := make([]byte, 0, len(s))
			for _, c := range s {
				if c > 0xff {
					return goja.Null()
				}
				b = append(b, byte(c))
			}
			return vm.ToValue(base64.StdEncoding.EncodeToString(b))
		}},
		{"atob", func(call goja.FunctionCall) goja.Value {
			b, err := forgivingBase64(call.Argument(0).String())
			if err != nil {
				return goja.Null()
			}
			return vm.ToValue(latin1(b))
		}},
		{"parseURL", r.nativeParseURL},
		{"dataURL", func(call goja.FunctionCall) goja.Value {
			d, err := ParseDataURL(call.Argument(0).String())
			if err != nil {
				return goja.Null()
			}
			o := vm.NewObject()
			_ = o.Set("mime", d.MIME)
			_ = o.Set("buf", vm.NewArrayBuffer(d.Data))
			return o
		}},
		{"fetch", r.nativeFetch},
		{"assetPath", func(call goja.FunctionCall) goja.Value {
			p, ok := AssetPath(loc, call.Argument(0).String())
			if !ok {
				return goja.Null()
			}
			return vm.ToValue(p)
		}},
	}
	for _, d := range defs {
		if err := n.Set(d.name, d.v); err != nil {
			return err
		}
	}
	// Only the stub runs now: most scripts use few of these globals, and
	// compiling webJS is a large share of building an engine, which every
	// jailed child does before its lock. The first use of one of them
	// runs webJS, inside a script's task (after the lock: it needs only
	// the CPU and memory any script uses).
	load := func(goja.FunctionCall) goja.Value {
		return MustCallPrelude(vm, "seccanvas-web.js", webJS, vm.GlobalObject(), n)
	}
	get, err := CallPrelude(vm, "seccanvas-web-stub.js", webStubJS, vm.GlobalObject(), n, vm.ToValue(load), vm.ToValue(webLazyGlobals))
	if err != nil {
		return err
	}
	r.webGlobals, _ = goja.AssertFunction(get)
	return nil
}

// latin1 maps bytes to the code points U+0000–U+00FF (a "binary string").
func latin1(b []byte) string {
	var s strings.Builder
	s.Grow(len(b) * 2)
	for _, c := range b {
		s.WriteRune(rune(c))
	}
	return s.String()
}

// bytesArg returns the bytes of (ArrayBuffer, offset, length) arguments at i.
func bytesArg(call goja.FunctionCall, i int) []byte {
	ab, ok := call.Argument(i).Export().(goja.ArrayBuffer)
	if !ok {
		return nil
	}
	b := ab.Bytes()
	off, n := int(call.Argument(i+1).ToInteger()), int(call.Argument(i+2).ToInteger())
	if off < 0 || n < 0 || off+n > len(b) {
		return nil
	}
	return b[off : off+n]
}

// nativeDecode implements TextDecoder.decode: (buffer, offset, length,
// encoding, fatal, ignoreBOM) → string, or null when fatal and malformed.
func (r *Runtime) nativeDecode(call goja.FunctionCall) goja.Value {
	b := bytesArg(call, 0)
	enc := call.Argument(3).String()
	fatal, ignoreBOM := call.Argument(4).ToBoolean(), call.Argument(5).ToBoolean()
	switch enc {
	case "utf-16le":
		if !ignoreBOM && len(b) >= 2 && b[0] == 0xff && b[1] == 0xfe {
			b = b[2:]
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		if len(b)%2 == 1 {
			if fatal {
				return goja.Null()
			}
			u = append(u, 0xfffd)
		}
		return r.vm.ToValue(string(utf16.Decode(u)))
	case "windows-1252":
		return r.vm.ToValue(latin1(b))
	}
	if !ignoreBOM && len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		b = b[3:]
	}
	if utf8.Valid(b) {
		return r.vm.ToValue(string(b))
	}
	if fatal {
		return goja.Null()
	}
	var s strings.Builder
	for len(b) > 0 {
		c, size := utf8.DecodeRune(b)
		s.WriteRune(c) // RuneError is U+FFFD
		b = b[size:]
	}
	return r.vm.ToValue(s.String())
}

// nativeParseURL resolves (url, base) and returns its components, or null
// when it does not parse or is not absolute.
func (r *Runtime) nativeParseURL(call goja.FunctionCall) goja.Value {
	raw := strings.Trim(call.Argument(0).String(), " \t\n\f\r\x00")
	raw = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(raw)
	var base *url.URL
	if b := call.Argument(1); !goja.IsUndefined(b) && !goja.IsNull(b) {
		var err error
		base, err = url.Parse(whatwgPath(b.String(), false))
		if err != nil || base.Scheme == "" {
			return goja.Null()
		}
	}
	u, err := resolveURL(base, raw)
	if err != nil || u.Scheme == "" {
		return goja.Null()
	}
	special := u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss" || u.Scheme == "ftp" || u.Scheme == "file"
	if special && u.Path == "" && u.Opaque == "" {
		u.Path = "/"
	}
	o := r.vm.NewObject()
	set := func(k, v string) { _ = o.Set(k, v) }
	set("protocol", u.Scheme+":")
	set("username", u.User.Username())
	pw, _ := u.User.Password()
	set("password", pw)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	set("hostname", host)
	set("port", port)
	if port != "" {
		host += ":" + port
	}
	set("host", host)
	path := u.EscapedPath()
	if u.Opaque != "" {
		path = u.Opaque
	}
	set("pathname", path)
	search := ""
	if u.RawQuery != "" {
		search = "?" + u.RawQuery
	}
	set("search", search)
	hash := ""
	if u.Fragment != "" {
		hash = "#" + u.EscapedFragment()
	}
	set("hash", hash)
	origin := "null"
	if special && u.Scheme != "file" {
		origin = u.Scheme + "://" + host
	}
	set("origin", origin)
	auth := ""
	if u.User != nil {
		auth = u.User.String() + "@"
	}
	href := u.Scheme + ":"
	if u.Host != "" || special {
		href += "//" + auth + host
	}
	set("href", href+path+search+hash)
	return o
}

// nativeFetch asks the host for a granted asset: (path, callback); the
// callback runs in a later task with (ArrayBuffer, null), (null, "404") or
// (null, message).
func (r *Runtime) nativeFetch(call goja.FunctionCall) goja.Value {
	path := call.Argument(0).String()
	cb, ok := goja.AssertFunction(call.Argument(1))
	if !ok {
		panic(r.vm.NewTypeError("fetch callback"))
	}
	r.Fetch(path, func(data []byte, err error) error {
		var e error
		switch {
		case err == nil:
			_, e = cb(goja.Undefined(), r.vm.ToValue(r.vm.NewArrayBuffer(data)), goja.Null())
		case errors.Is(err, ErrNotFound):
			_, e = cb(goja.Undefined(), goja.Null(), r.vm.ToValue("404"))
		default:
			_, e = cb(goja.Undefined(), goja.Null(), r.vm.ToValue(err.Error()))
		}
		return e
	})
	return goja.Undefined()
}
