package x11

import (
	"fmt"
	"seccanvas/jail"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// keymap maps X keycodes to keysyms (GetKeyboardMapping at start-up).
type keymap struct {
	min     int
	per     int
	keysyms []xproto.Keysym
}

func loadKeymap(c *xgb.Conn, s *xproto.SetupInfo) (*keymap, error) {
	count := int(s.MaxKeycode) - int(s.MinKeycode) + 1
	r, err := xproto.GetKeyboardMapping(c, s.MinKeycode, byte(count)).Reply()
	if err != nil {
		return nil, fmt.Errorf("x11: read the keyboard mapping: %w", err)
	}
	return &keymap{min: int(s.MinKeycode), per: int(r.KeysymsPerKeycode), keysyms: r.Keysyms}, nil
}

// keysym returns the keysym of code in column col (0 unshifted, 1
// shifted), falling back to column 0.
func (k *keymap) keysym(code xproto.Keycode, col int) xproto.Keysym {
	i := (int(code) - k.min) * k.per
	if i < 0 || k.per == 0 || i+k.per > len(k.keysyms) {
		return 0
	}
	if col < k.per && k.keysyms[i+col] != 0 {
		return k.keysyms[i+col]
	}
	return k.keysyms[i]
}

// keycode returns a keycode producing sym in column 0 (tests use it to
// inject keys with XTEST), or 0.
func (k *keymap) keycode(sym xproto.Keysym) xproto.Keycode {
	for i := 0; i+k.per <= len(k.keysyms); i += k.per {
		if k.keysyms[i] == sym {
			return xproto.Keycode(k.min + i/k.per)
		}
	}
	return 0
}

// namedKeys are keysyms with a DOM key name and a physical code.
var namedKeys = map[xproto.Keysym][2]string{
	0xff0d: {"Enter", "Enter"},
	0xff8d: {"Enter", "NumpadEnter"},
	0xff1b: {"Escape", "Escape"},
	0xff08: {"Backspace", "Backspace"},
	0xff09: {"Tab", "Tab"},
	0xfe20: {"Tab", "Tab"}, // ISO_Left_Tab (shift+Tab)
	0xffff: {"Delete", "Delete"},
	0xff63: {"Insert", "Insert"},
	0xff50: {"Home", "Home"},
	0xff57: {"End", "End"},
	0xff55: {"PageUp", "PageUp"},
	0xff56: {"PageDown", "PageDown"},
	0xff51: {"ArrowLeft", "ArrowLeft"},
	0xff52: {"ArrowUp", "ArrowUp"},
	0xff53: {"ArrowRight", "ArrowRight"},
	0xff54: {"ArrowDown", "ArrowDown"},
	0xffe1: {"Shift", "ShiftLeft"},
	0xffe2: {"Shift", "ShiftRight"},
	0xffe3: {"Control", "ControlLeft"},
	0xffe4: {"Control", "ControlRight"},
	0xffe9: {"Alt", "AltLeft"},
	0xffea: {"Alt", "AltRight"},
	0xfe03: {"AltGraph", "AltRight"},
	0xffe7: {"Meta", "MetaLeft"},
	0xffe8: {"Meta", "MetaRight"},
	0xffeb: {"Meta", "MetaLeft"}, // Super_L
	0xffec: {"Meta", "MetaRight"},
	0xffe5: {"CapsLock", "CapsLock"},
	0xff7f: {"NumLock", "NumLock"},
	0xff67: {"ContextMenu", "ContextMenu"},
	0xff13: {"Pause", "Pause"},
	0xff61: {"PrintScreen", "PrintScreen"},
	0xff14: {"ScrollLock", "ScrollLock"},
}

// punctuationCodes are the DOM codes of the US layout's punctuation keys,
// by their unshifted keysym.
var punctuationCodes = map[xproto.Keysym]string{
	'`': "Backquote", '-': "Minus", '=': "Equal", '[': "BracketLeft", ']': "BracketRight",
	'\\': "Backslash", ';': "Semicolon", '\'': "Quote", ',': "Comma", '.': "Period", '/': "Slash",
}

// domKey translates a key event: sym is the keysym for the current
// modifiers (what was typed), base the unshifted keysym of the key (where
// it is). It returns the DOM KeyboardEvent key and code.
func domKey(sym, base xproto.Keysym) (key, code string) {
	switch {
	case base >= 'a' && base <= 'z':
		code = "Key" + string(rune(base-'a'+'A'))
	case base >= '0' && base <= '9':
		code = "Digit" + string(rune(base))
	case base == ' ':
		code = "Space"
	case base >= 0xffbe && base <= 0xffc9: // F1..F12
		code = fmt.Sprintf("F%d", base-0xffbe+1)
	case base >= 0xffb0 && base <= 0xffb9:
		code = fmt.Sprintf("Numpad%d", base-0xffb0)
	default:
		if c, ok := punctuationCodes[base]; ok {
			code = c
		} else if n, ok := namedKeys[base]; ok {
			code = n[1]
		}
	}
	switch {
	case sym >= 0x20 && sym <= 0x7e, sym >= 0xa0 && sym <= 0xff: // Latin-1 keysyms are code points
		key = string(rune(sym))
	case sym >= 0x1000100 && sym <= 0x110ffff: // Unicode keysyms
		key = string(rune(sym - 0x1000000))
	case sym >= 0xffbe && sym <= 0xffc9:
		key = fmt.Sprintf("F%d", sym-0xffbe+1)
	case sym >= 0xffb0 && sym <= 0xffb9:
		key = string(rune('0' + sym - 0xffb0))
	default:
		if n, ok := namedKeys[sym]; ok {
			key = n[0]
		} else {
			key = "Unidentified"
		}
	}
	return key, code
}

// X modifier mask bits.
const (
	maskShift   = 1
	maskLock    = 2
	maskControl = 4
	maskMod1    = 8  // Alt
	maskMod4    = 64 // Super
	maskButton1 = 256
	maskButton2 = 512
	maskButton3 = 1024
)

func mods(state uint16) uint8 {
	var m uint8
	if state&maskShift != 0 {
		m |= jail.ModShift
	}
	if state&maskControl != 0 {
		m |= jail.ModCtrl
	}
	if state&maskMod1 != 0 {
		m |= jail.ModAlt
	}
	if state&maskMod4 != 0 {
		m |= jail.ModMeta
	}
	return m
}

// buttons is the DOM MouseEvent.buttons of an X state (1 left, 2 right, 4
// middle).
func buttons(state uint16) uint16 {
	var b uint16
	if state&maskButton1 != 0 {
		b |= 1
	}
	if state&maskButton3 != 0 {
		b |= 2
	}
	if state&maskButton2 != 0 {
		b |= 4
	}
	return b
}

// domButton is the DOM MouseEvent.button of X button n (1 left, 2 middle,
// 3 right; 8 and 9 back and forward) and its bit in buttons.
func domButton(n xproto.Button) (button uint8, bit uint16) {
	switch n {
	case 1:
		return 0, 1
	case 2:
		return 1, 4
	case 3:
		return 2, 2
	case 8:
		return 3, 8
	case 9:
		return 4, 16
	}
	return uint8(n), 0
}

// wheelStep is the deltaY (pixels) of one wheel click, as Chromium on
// Linux reports it.
const wheelStep = 53

// translate turns an X input event into a script input event.
func (w *window) translate(ev xgb.Event) (jail.Input, bool) {
	switch e := ev.(type) {
	case xproto.MotionNotifyEvent:
		return jail.Input{Kind: jail.InputPointerMove, X: float64(e.EventX), Y: float64(e.EventY),
			Buttons: buttons(e.State), Mods: mods(e.State)}, true
	case xproto.ButtonPressEvent:
		in := jail.Input{X: float64(e.EventX), Y: float64(e.EventY), Mods: mods(e.State)}
		switch e.Detail {
		case 4, 5, 6, 7: // the wheel: a press per click, and a release to ignore
			in.Kind = jail.InputWheel
			in.Buttons = buttons(e.State)
			switch e.Detail {
			case 4:
				in.DeltaY = -wheelStep
			case 5:
				in.DeltaY = wheelStep
			case 6:
				in.DeltaX = -wheelStep
			case 7:
				in.DeltaX = wheelStep
			}
			return in, true
		}
		b, bit := domButton(e.Detail)
		in.Kind, in.Button, in.Buttons = jail.InputPointerDown, b, buttons(e.State)|bit
		return in, true
	case xproto.ButtonReleaseEvent:
		if e.Detail >= 4 && e.Detail <= 7 {
			return jail.Input{}, false
		}
		b, bit := domButton(e.Detail)
		return jail.Input{Kind: jail.InputPointerUp, X: float64(e.EventX), Y: float64(e.EventY),
			Button: b, Buttons: buttons(e.State) &^ bit, Mods: mods(e.State)}, true
	case xproto.KeyPressEvent:
		return w.keyEvent(jail.InputKeyDown, e.Detail, e.State), true
	case xproto.KeyReleaseEvent:
		return w.keyEvent(jail.InputKeyUp, e.Detail, e.State), true
	case xproto.FocusInEvent:
		return jail.Input{Kind: jail.InputFocus}, true
	case xproto.FocusOutEvent:
		return jail.Input{Kind: jail.InputBlur}, true
	case xproto.LeaveNotifyEvent:
		return jail.Input{Kind: jail.InputPointerLeave, X: float64(e.EventX), Y: float64(e.EventY),
			Buttons: buttons(e.State), Mods: mods(e.State)}, true
	}
	return jail.Input{}, false
}

func (w *window) keyEvent(kind uint8, code xproto.Keycode, state uint16) jail.Input {
	base := w.keys.keysym(code, 0)
	col := 0
	shift := state&maskShift != 0
	if state&maskLock != 0 && base >= 'a' && base <= 'z' {
		shift = !shift
	}
	if shift {
		col = 1
	}
	sym := w.keys.keysym(code, col)
	key, dcode := domKey(sym, base)
	in := jail.Input{Kind: kind, Key: key, Code: dcode, Mods: mods(state)}
	// The event's state is before the key itself: a Shift press reports
	// shiftKey true, as browsers do, and its release false.
	if bit := modifierBit(base); bit != 0 {
		if kind == jail.InputKeyDown {
			in.Mods |= bit
		} else {
			in.Mods &^= bit
		}
	}
	return in
}

func modifierBit(sym xproto.Keysym) uint8 {
	switch sym {
	case 0xffe1, 0xffe2:
		return jail.ModShift
	case 0xffe3, 0xffe4:
		return jail.ModCtrl
	case 0xffe9, 0xffea:
		return jail.ModAlt
	case 0xffe7, 0xffe8, 0xffeb, 0xffec:
		return jail.ModMeta
	}
	return 0
}

// motionInterval is the shortest time between two pointer moves sent to
// the child: moves in between are merged into the latest.
const motionInterval = 8 * time.Millisecond

// maxQueuedInput bounds the events waiting for the host's pump; beyond it
// new pointer moves are merged and other events dropped.
const maxQueuedInput = 512

// inputQueue coalesces input between the X event goroutine and the host:
// consecutive pointer moves merge into the latest, and at most one move per
// motionInterval goes out, so a fast mouse cannot flood the child.
type inputQueue struct {
	out  chan jail.Input
	wake chan struct{}
	stop chan struct{}

	mu         sync.Mutex
	q          []jail.Input
	lastMotion time.Time
	dropped    int
	stopped    bool
}

func newInputQueue() *inputQueue {
	q := &inputQueue{out: make(chan jail.Input), wake: make(chan struct{}, 1), stop: make(chan struct{})}
	go q.run()
	return q
}

func (q *inputQueue) push(in jail.Input) {
	q.mu.Lock()
	n := len(q.q)
	switch {
	case in.Kind == jail.InputPointerMove && n > 0 && q.q[n-1].Kind == jail.InputPointerMove && q.q[n-1].Buttons == in.Buttons:
		q.q[n-1] = in
	case n >= maxQueuedInput:
		q.dropped++
	default:
		q.q = append(q.q, in)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *inputQueue) run() {
	var timer *time.Timer
	for {
		q.mu.Lock()
		if len(q.q) == 0 {
			q.mu.Unlock()
			select {
			case <-q.wake:
				continue
			case <-q.stop:
				return
			}
		}
		head := q.q[0]
		if head.Kind == jail.InputPointerMove {
			if wait := motionInterval - time.Since(q.lastMotion); wait > 0 {
				// Hold the move back; later moves merge into it.
				q.mu.Unlock()
				if timer == nil {
					timer = time.NewTimer(wait)
				} else {
					timer.Reset(wait)
				}
				select {
				case <-timer.C:
				case <-q.stop:
					return
				}
				continue
			}
			head = q.q[0] // merged while waiting
			q.lastMotion = time.Now()
		}
		q.q = q.q[1:]
		if len(q.q) == 0 {
			q.q = nil
		}
		q.mu.Unlock()
		select {
		case q.out <- head:
		case <-q.stop:
			return
		}
	}
}

func (q *inputQueue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.stopped {
		q.stopped = true
		close(q.stop)
	}
}
