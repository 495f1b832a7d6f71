package child

import (
	"fmt"
	"io"
	"maps"
	"os"
	"time"

	"seccanvas/jail/wire"
	"seccanvas/script/console"
)

// AssetProbePaths are the paths the test-only "stress-asset-paths" child
// asks for, as a compromised child could: the host must refuse each one
// that is not a regular file inside the granted directory, whatever the
// script side would have sent.
var AssetProbePaths = []string{
	"/etc/passwd",
	"../secret.txt",
	"img/../../secret.txt",
	"img/%2e%2e/x",
	"a\x00b",
	"",
	".",
	"img/link-out.png",
	"img/abs-link.png",
	"fifo",
	"img",
	"big.bin",
	"img/ok.txt",
}

func init() {
	maps.Copy(hostileActions, map[string]func(w io.Writer){
		// An asset request when nothing was granted.
		"proto-asset-ungranted": func(w io.Writer) {
			send(w, &wire.AssetRequest{ID: 1, Path: "a.png"})
		},
		// An acknowledgement of a frame the host never sent.
		"proto-asset-unsolicited-ack": func(w io.Writer) {
			send(w, &wire.AssetAck{ID: 1})
		},
	})
	maps.Copy(stressActions, map[string]func(in *wire.Reader, w io.Writer){
		// Each probe path in turn, reporting the host's answer on the
		// console ("PATH: STATUS DETAIL [SIZE]"), then a clean exit.
		"stress-asset-paths": func(in *wire.Reader, w io.Writer) {
			for i, p := range AssetProbePaths {
				id := uint32(i + 1)
				send(w, &wire.AssetRequest{ID: id, Path: p})
				got := 0
				for {
					m, err := in.Read(wire.FromHost)
					if err != nil {
						return
					}
					d, ok := m.(*wire.AssetData)
					if !ok {
						continue
					}
					send(w, &wire.AssetAck{ID: d.ID})
					got += len(d.Data)
					if d.Status != wire.AssetOK {
						send(w, &wire.Log{Level: console.Log, Text: fmt.Sprintf("%q: %d %s", p, d.Status, d.Detail)})
						break
					}
					if got == int(d.Total) {
						send(w, &wire.Log{Level: console.Log, Text: fmt.Sprintf("%q: ok %d", p, got)})
						break
					}
				}
			}
			send(w, &wire.Exit{Code: 0, Reason: "finished"})
			os.Exit(0)
		},
		// Requests without waiting for answers, beyond the bound on
		// unanswered ones.
		"stress-asset-flood": func(in *wire.Reader, w io.Writer) {
			for i := range 2000 {
				send(w, &wire.AssetRequest{ID: uint32(i + 1), Path: "img/ok.txt"})
			}
		},
		// Requests answered and acknowledged at once, far faster than
		// the rate allows.
		"stress-asset-rate": func(in *wire.Reader, w io.Writer) {
			for i := range 5000 {
				send(w, &wire.AssetRequest{ID: uint32(i + 1), Path: "img/ok.txt"})
				for {
					m, err := in.Read(wire.FromHost)
					if err != nil {
						return
					}
					if d, ok := m.(*wire.AssetData); ok {
						send(w, &wire.AssetAck{ID: d.ID})
						break
					}
				}
			}
		},
		// The same request id twice.
		"stress-asset-same-id": func(in *wire.Reader, w io.Writer) {
			send(w, &wire.AssetRequest{ID: 5, Path: "img/ok.txt"})
			send(w, &wire.AssetRequest{ID: 5, Path: "img/ok.txt"})
		},
		// A large file asked for, and then nothing read: the host must
		// stop sending within its window, never blocking on the pipe,
		// until the run's own limits end it.
		"stress-asset-no-read": func(in *wire.Reader, w io.Writer) {
			send(w, &wire.AssetRequest{ID: 1, Path: "big.bin"})
			time.Sleep(time.Minute)
		},
	})
}
