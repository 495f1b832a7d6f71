package jail

import "testing"

type plainPresenter struct{}

func (plainPresenter) Attach(*Framebuffer) error   { return nil }
func (plainPresenter) Present(Frame, func()) error { return nil }
func (plainPresenter) Close() error                { return nil }

type keeperPresenter struct{ plainPresenter }

func (keeperPresenter) Reclaim() {}

type switchPresenter struct {
	keeperPresenter
	on bool
}

func (p switchPresenter) Keeps() bool { return p.on }

// TestKeeps checks which presenters let unpaced ticks go out while a
// buffer is still held.
func TestKeeps(t *testing.T) {
	tests := []struct {
		name string
		p    Presenter
		want bool
	}{
		{"none", nil, false},
		{"plain", plainPresenter{}, false},
		{"keeper", keeperPresenter{}, true},
		{"switch off", switchPresenter{on: false}, false},
		{"switch on", switchPresenter{on: true}, true},
	}
	for _, tt := range tests {
		if got := keeps(tt.p); got != tt.want {
			t.Errorf("%s: keeps = %v, want %v", tt.name, got, tt.want)
		}
	}
}
