// life.js — Conway's Game of Life on a grid that wraps around at the edges.
// The grid is seeded randomly with Math.random (use --seed N for a repeatable
// start) and advances one generation per animation frame, forever.
//
// Run: seccanvas run --headless --size 640x480 --frames 200 --seed 1 --out life.gif examples/life.js
const ctx = canvas.getContext('2d');
const CELL = 8; // pixels per cell
const COLS = Math.floor(canvas.width / CELL);
const ROWS = Math.floor(canvas.height / CELL);

let grid = new Uint8Array(COLS * ROWS);
let next = new Uint8Array(COLS * ROWS);

// Random start: about a quarter of the cells alive.
for (let i = 0; i < grid.length; i++) grid[i] = Math.random() < 0.25 ? 1 : 0;

function draw() {
  ctx.fillStyle = '#111';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#7fff7f';
  for (let y = 0; y < ROWS; y++) {
    for (let x = 0; x < COLS; x++) {
      if (grid[y * COLS + x]) ctx.fillRect(x * CELL, y * CELL, CELL - 1, CELL - 1);
    }
  }
}

function step() {
  for (let y = 0; y < ROWS; y++) {
    for (let x = 0; x < COLS; x++) {
      // Count the eight neighbours, wrapping around the edges (a torus).
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (dx === 0 && dy === 0) continue;
          const xx = (x + dx + COLS) % COLS, yy = (y + dy + ROWS) % ROWS;
          n += grid[yy * COLS + xx];
        }
      }
      const alive = grid[y * COLS + x];
      // Survive with 2 or 3 neighbours; be born with exactly 3.
      next[y * COLS + x] = (n === 3 || (alive && n === 2)) ? 1 : 0;
    }
  }
  const t = grid; grid = next; next = t;
}

function frame() {
  draw();
  step();
  requestAnimationFrame(frame);
}

frame();
