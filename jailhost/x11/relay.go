package x11

import "errors"

// NewRelay opens a window for the relay mode.
func NewRelay(opts Options) (*Presenter, error) {
	return nil, errors.New("x11: relay not yet")
}
