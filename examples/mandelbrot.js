// mandelbrot.js — the Mandelbrot set, computed pixel by pixel into an
// ImageData and shown with putImageData. It fills canvas.width x canvas.height
// and is drawn once (a static picture; frame 1 is enough).
//
// Run: seccanvas run --headless --size 640x480 --frames 1 --out mandelbrot.png examples/mandelbrot.js
const ctx = canvas.getContext('2d');
const W = canvas.width, H = canvas.height;
const MAX_ITER = 64; // more detail at the edge costs more time

// The region of the complex plane to show, keeping the aspect ratio square.
const centerX = -0.65, centerY = 0;
const scale = Math.max(3.2 / W, 2.4 / H); // complex units per pixel

const t0 = performance.now();
const img = ctx.createImageData(W, H);
const data = img.data; // RGBA bytes, 4 per pixel

// Precompute the colour for each escape count, so the inner loop only copies bytes.
const palR = [], palG = [], palB = [];
for (let n = 0; n <= MAX_ITER; n++) {
  const t = n / MAX_ITER;
  // Inside the set (n === MAX_ITER) this gives black; outside, the colour
  // goes from dark blue to bright blue and pale yellow the slower a point escapes.
  palR.push(Math.floor(9 * (1 - t) * t * t * t * 255));
  palG.push(Math.floor(15 * (1 - t) * (1 - t) * t * t * 255));
  palB.push(Math.floor(8.5 * (1 - t) * (1 - t) * (1 - t) * t * 255));
}

// The set is symmetric about the real axis (centerY is 0), so only the top
// half is computed: row py has c = cr + ci*i and row H - py has c = cr - ci*i,
// and both get the same colour. This halves the work.
for (let py = 0; py <= H / 2; py++) {
  const ci = centerY + (py - H / 2) * scale;
  const ci2 = ci * ci;
  let top = py * W * 4;                          // byte offset of row py
  let bot = (H - py < H && H - py !== py) ? (H - py) * W * 4 : -1; // mirror row
  for (let px = 0; px < W; px++) {
    const cr = centerX + (px - W / 2) * scale;
    let n = MAX_ITER;
    // Shortcut: points in the main cardioid or the period-2 bulb are inside
    // the set; skipping them saves most of the work (the interpreter is slow).
    const q = (cr - 0.25) * (cr - 0.25) + ci2;
    const inside = q * (q + (cr - 0.25)) <= 0.25 * ci2 ||
                   (cr + 1) * (cr + 1) + ci2 <= 0.0625;
    if (!inside) {
      // Iterate z = z^2 + c until |z| > 2 or we give up.
      let zr = 0, zi = 0, zr2 = 0, zi2 = 0;
      n = 0;
      while (n < MAX_ITER && zr2 + zi2 <= 4) {
        zi = 2 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        n++;
      }
    }
    const r = palR[n], g = palG[n], b = palB[n];
    data[top] = r; data[top + 1] = g; data[top + 2] = b; data[top + 3] = 255;
    top += 4;
    if (bot >= 0) {
      data[bot] = r; data[bot + 1] = g; data[bot + 2] = b; data[bot + 3] = 255;
      bot += 4;
    }
  }
}

ctx.putImageData(img, 0, 0);
console.log('mandelbrot ' + W + 'x' + H + ' in ' + Math.round(performance.now() - t0) + ' ms');
