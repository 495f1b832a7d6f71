// Package examples holds seccanvas's example sketches (the *.js files
// beside this one), embedded so that programs can offer them: the
// playground lists them, the tests render them.
package examples

import (
	"embed"
	"io/fs"
)

//go:embed *.js
var files embed.FS

// FS returns the examples: one NAME.js file each, at the root.
func FS() fs.FS { return files }
