package wire

import (
	"slices"
	"testing"
)

func TestBatchRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		record func(b *OpBatch)
		want   []Op
	}{
		{"colour once", func(b *OpBatch) { b.Color(0x102030); b.Color(0x102030) }, []Op{{Code: OpColor, Color: 0x102030}}},
		{"rects", func(b *OpBatch) { b.Elements(OpFillRects, []int{1, 2, 3, 4, 5, 6, 7, 8}) },
			[]Op{{Code: OpFillRects, Ints: []int32{1, 2, 3, 4, 5, 6, 7, 8}}}},
		{"far coordinates are clamped", func(b *OpBatch) { b.Elements(OpSegments, []int{-1e9, 0, 1e9, 5}) },
			[]Op{{Code: OpSegments, Ints: []int32{-MaxCoord, 0, MaxCoord, 5}}}},
		{"long polyline splits and continues", func(b *OpBatch) {
			pts := make([]int, 2*(MaxOpCount+1))
			b.Elements(OpPolyLine, pts)
		}, []Op{{Code: OpPolyLine, Ints: make([]int32, 2*MaxOpCount)}, {Code: OpPolyLine, Ints: make([]int32, 4)}}},
		{"degraded once", func(b *OpBatch) { b.Degraded(FeatureText); b.Degraded(FeatureText) }, []Op{{Code: OpDegraded, Feature: FeatureText}}},
		{"line width", func(b *OpBatch) { b.LineWidth(3) }, []Op{{Code: OpLineWidth, Width: 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewOpBatch()
			tt.record(b)
			var got []Op
			if err := DecodeOps(b.Take(), func(op *Op) error { got = append(got, *op); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d ops, want %d: %+v", len(got), len(tt.want), got)
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.Code != w.Code || g.Color != w.Color || g.Width != w.Width || g.Feature != w.Feature || !slices.Equal(g.Ints, w.Ints) {
					t.Errorf("op %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestPutImageRoundTrip(t *testing.T) {
	b := NewOpBatch()
	pix := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	b.PutImage(3, 4, 2, 1, pix)
	var got Op
	if err := DecodeOps(b.Take(), func(op *Op) error { got = *op; return nil }); err != nil {
		t.Fatal(err)
	}
	if got.Code != OpPutImage || got.X != 3 || got.Y != 4 || got.W != 2 || got.H != 1 || !slices.Equal(got.Pix, pix) {
		t.Fatalf("got %+v", got)
	}
}
