// Package shm manages the SysV shared-memory framebuffers that the jailed
// child draws into and the host (and the X server, through MIT-SHM) reads.
//
// Layout: Buffers framebuffers of Width×Height pixels one after another,
// each premultiplied BGRA, 4 bytes per pixel, little-endian, stride
// Width×4. The host creates the segment with IPC_PRIVATE and mode 0600,
// attaches it, and marks it for removal at once: Linux still lets the child
// and the X server attach a segment marked IPC_RMID by its id, and the
// kernel frees it when the last attachment goes, so no segment outlives its
// processes even if all of them are killed.
package shm

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// Bounds of a framebuffer.
const (
	// MaxSide is the largest canvas width or height.
	MaxSide = 8192
	// MaxBytes bounds a whole segment.
	MaxBytes = 256 << 20
	// MaxBuffers bounds the number of buffers.
	MaxBuffers = 4
	// BytesPerPixel of the BGRA format.
	BytesPerPixel = 4
)

// Geometry describes the framebuffers of a segment.
type Geometry struct {
	Width, Height int
	Buffers       int
}

// Validate checks the geometry against the bounds, with an error a person
// can act on.
func (g Geometry) Validate() error {
	if g.Width < 1 || g.Height < 1 {
		return fmt.Errorf("canvas %dx%d: width and height must be at least 1", g.Width, g.Height)
	}
	if g.Width > MaxSide || g.Height > MaxSide {
		return fmt.Errorf("canvas %dx%d: a side is over the %d px limit", g.Width, g.Height, MaxSide)
	}
	if g.Buffers < 1 || g.Buffers > MaxBuffers {
		return fmt.Errorf("%d framebuffers: must be 1..%d", g.Buffers, MaxBuffers)
	}
	if g.Size() > MaxBytes {
		return fmt.Errorf("canvas %dx%d with %d buffers needs %d MiB, over the %d MiB limit", g.Width, g.Height, g.Buffers, g.Size()>>20, MaxBytes>>20)
	}
	return nil
}

// Stride is the byte length of one row.
func (g Geometry) Stride() int { return g.Width * BytesPerPixel }

// BufferSize is the byte length of one framebuffer.
func (g Geometry) BufferSize() int { return g.Stride() * g.Height }

// Size is the byte length of the whole segment.
func (g Geometry) Size() int { return g.BufferSize() * g.Buffers }

// Segment is an attached framebuffer segment.
type Segment struct {
	// ID is the SysV shared memory id (what MIT-SHM attaches).
	ID       int
	Geometry Geometry
	mem      []byte
}

// Create makes a new private segment for g, attaches it read-write and
// marks it for removal.
func Create(g Geometry) (*Segment, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	id, err := unix.SysvShmGet(unix.IPC_PRIVATE, g.Size(), unix.IPC_CREAT|unix.IPC_EXCL|0o600)
	if err != nil {
		return nil, fmt.Errorf("create framebuffer segment of %d bytes: %w (check kernel.shmmax/shmall)", g.Size(), err)
	}
	mem, err := unix.SysvShmAttach(id, 0, 0)
	if err != nil {
		_, _ = unix.SysvShmCtl(id, unix.IPC_RMID, nil)
		return nil, fmt.Errorf("attach framebuffer segment %d: %w", id, err)
	}
	if _, err := unix.SysvShmCtl(id, unix.IPC_RMID, nil); err != nil {
		_ = unix.SysvShmDetach(mem)
		return nil, fmt.Errorf("mark framebuffer segment %d for removal: %w", id, err)
	}
	return &Segment{ID: id, Geometry: g, mem: mem[:g.Size()]}, nil
}

// Attach attaches the existing segment id, checking that it is large enough
// for g.
func Attach(id int, g Geometry, readOnly bool) (*Segment, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	var ds unix.SysvShmDesc
	if _, err := unix.SysvShmCtl(id, unix.IPC_STAT, &ds); err != nil {
		return nil, fmt.Errorf("stat framebuffer segment %d: %w", id, err)
	}
	if uint64(ds.Segsz) < uint64(g.Size()) {
		return nil, fmt.Errorf("framebuffer segment %d has %d bytes, need %d", id, ds.Segsz, g.Size())
	}
	flags := 0
	if readOnly {
		flags = unix.SHM_RDONLY
	}
	mem, err := unix.SysvShmAttach(id, 0, flags)
	if err != nil {
		return nil, fmt.Errorf("attach framebuffer segment %d: %w", id, err)
	}
	return &Segment{ID: id, Geometry: g, mem: mem[:g.Size()]}, nil
}

// Buffer returns framebuffer i.
func (s *Segment) Buffer(i int) []byte {
	n := s.Geometry.BufferSize()
	return s.mem[i*n : (i+1)*n : (i+1)*n]
}

// Bytes returns the whole mapping.
func (s *Segment) Bytes() []byte { return s.mem }

// Detach unmaps the segment. The Segment must not be used afterwards.
func (s *Segment) Detach() error {
	if s.mem == nil {
		return errors.New("framebuffer segment already detached")
	}
	err := unix.SysvShmDetach(s.mem)
	s.mem = nil
	if err != nil {
		return fmt.Errorf("detach framebuffer segment %d: %w", s.ID, err)
	}
	return nil
}

// Exists reports whether segment id is still known to the kernel.
func Exists(id int) bool {
	var ds unix.SysvShmDesc
	_, err := unix.SysvShmCtl(id, unix.IPC_STAT, &ds)
	return err == nil
}

// SetOwner gives the segment to uid and gid, keeping its mode (0600): the
// jail hands the segment to an unprivileged child for the moment it
// attaches it, and takes it back once the child is locked, so that no
// other child, which runs as the same unprivileged id, can attach it.
func (s *Segment) SetOwner(uid, gid int) error {
	var ds unix.SysvShmDesc
	if _, err := unix.SysvShmCtl(s.ID, unix.IPC_STAT, &ds); err != nil {
		return fmt.Errorf("stat framebuffer segment %d: %w", s.ID, err)
	}
	ds.Perm.Uid, ds.Perm.Gid = uint32(uid), uint32(gid)
	if _, err := unix.SysvShmCtl(s.ID, unix.IPC_SET, &ds); err != nil {
		return fmt.Errorf("give framebuffer segment %d to %d:%d: %w", s.ID, uid, gid, err)
	}
	return nil
}
