package serve

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"sort"
	"strings"

	"seccanvas/examples"
)

//go:embed playground
var playgroundFiles embed.FS

// playgroundHandler serves the playground's static files (no build step,
// nothing from another origin).
func playgroundHandler() http.Handler {
	sub, err := fs.Sub(playgroundFiles, "playground")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}

// example is one example sketch, as /v1/examples lists them.
type example struct {
	Name   string `json:"name"`
	Source string `json:"source"`
}

func (s *Server) handleExamples(w http.ResponseWriter, r *http.Request) {
	var list []example
	err := fs.WalkDir(examples.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		b, err := fs.ReadFile(examples.FS(), p)
		if err != nil {
			return err
		}
		list = append(list, example{Name: p, Source: string(b)})
		return nil
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_ = json.NewEncoder(w).Encode(list)
}
