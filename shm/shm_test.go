package shm

import (
	"strings"
	"testing"
)

func TestGeometryValidate(t *testing.T) {
	tests := []struct {
		g    Geometry
		want string
	}{
		{Geometry{640, 480, 1}, ""},
		{Geometry{8192, 8192, 1}, ""},
		{Geometry{8193, 10, 1}, "over the 8192 px limit"},
		{Geometry{0, 10, 1}, "at least 1"},
		{Geometry{8192, 8192, 2}, "over the 256 MiB limit"},
		{Geometry{10, 10, 0}, "framebuffers"},
		{Geometry{10, 10, 5}, "framebuffers"},
	}
	for _, tt := range tests {
		err := tt.g.Validate()
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%+v: Validate = %v, want %q", tt.g, err, tt.want)
		}
	}
}

func TestCreateAttachShares(t *testing.T) {
	g := Geometry{Width: 16, Height: 8, Buffers: 2}
	host, err := Create(g)
	if err != nil {
		t.Fatal(err)
	}
	child, err := Attach(host.ID, g, false)
	if err != nil {
		t.Fatal(err)
	}
	child.Buffer(1)[5] = 0xab
	if host.Buffer(1)[5] != 0xab {
		t.Fatal("write through one mapping not visible through the other")
	}
	if len(host.Buffer(0)) != 16*8*4 {
		t.Fatalf("buffer size %d", len(host.Buffer(0)))
	}
	if _, err := Attach(host.ID, Geometry{Width: 64, Height: 64, Buffers: 1}, true); err == nil {
		t.Error("attach with a larger geometry succeeded")
	}
	if err := child.Detach(); err != nil {
		t.Fatal(err)
	}
	id := host.ID
	if !Exists(id) {
		t.Fatal("segment gone while attached")
	}
	if err := host.Detach(); err != nil {
		t.Fatal(err)
	}
	if Exists(id) {
		t.Error("segment still exists after the last detach: it was not marked for removal")
	}
}
